import "server-only";
import type { ErasureDecision, ErasureRequest, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { awaitSealed } from "@/lib/ledger/seal/await-sealed";
import { bytesToBase64, bytesToHex } from "@/lib/ledger/tlog/encoding";
import { getInclusionProofForRow } from "@/lib/ledger/proofs/get-inclusion-proof";
import { getLeafKind, leafBytesFor } from "@/lib/ledger/kinds";
import { getLogKeys } from "@/lib/ledger/log-keys";
import { CERTIFICATE_FORMAT, signErasureCertificate, type TErasureCertificate } from "./erasure-certificate";

/** What every erasure certificate states, signed JSON and evidence-bundle report alike. */
export const ERASURE_STATEMENT =
  "The data key of this data subject and every blind index over their identifiers were destroyed. " +
  "All their record versions remain only as ciphertext that nobody can decrypt; the ledger entries that anchor them still verify.";

type TApprovedErasure = {
  request: ErasureRequest;
  decision: ErasureDecision;
};

/** An erasure request with its approved decision; 404 when there is no such request, 409 unless approved. */
export async function findApprovedErasure(prisma: PrismaClient, requestId: string): Promise<TApprovedErasure> {
  const request = await prisma.erasureRequest.findUnique({ where: { id: requestId }, include: { decision: true } });
  if (!request) throw new AppError("not_found", "No such erasure request.");
  const decision = request.decision;
  if (!decision || decision.outcome !== "approved")
    throw new AppError("conflict", "Only an approved erasure has a certificate.");
  return { request, decision };
}

/** The facts a certificate states about one erasure, by pseudonym only. */
export function erasureFacts(request: ErasureRequest, decision: ErasureDecision) {
  return {
    requestId: request.id,
    decisionId: decision.id,
    pseudonym: decision.pseudonym,
    filedBy: request.filedBy,
    requestedAt: request.createdAt.toISOString(),
    erasedAt: decision.createdAt.toISOString(),
    legalBasis: "GDPR Art. 17(1)",
  };
}

/**
 * The signed erasure certificate of an approved request: the anchored decision, its inclusion
 * proof and the signed checkpoint it is proven against. Available once the decision is sealed.
 */
export async function issueErasureCertificate(
  prisma: PrismaClient,
  opts: { requestId: string; timeoutMs?: number },
): Promise<TErasureCertificate> {
  const { request, decision } = await findApprovedErasure(prisma, opts.requestId);
  await awaitSealed({ kind: "erasure_decision", rowId: decision.id, timeoutMs: opts.timeoutMs ?? 10_000 });
  const proof = await getInclusionProofForRow({ kind: "erasure_decision", rowId: decision.id });
  if (!proof.head.checkpoint)
    throw new AppError("unavailable", "No signed checkpoint covers the erasure yet; try again shortly.");
  const keys = getLogKeys();
  return signErasureCertificate(
    {
      format: CERTIFICATE_FORMAT,
      ...erasureFacts(request, decision),
      statement: ERASURE_STATEMENT,
      ledger: {
        kind: "erasure_decision",
        index: proof.index,
        leafBytes: bytesToBase64(leafBytesFor(getLeafKind("erasure_decision"), decision)),
        leafHash: bytesToHex(proof.leafHash),
        treeSize: proof.treeSize,
        inclusionProof: proof.proof.map(bytesToBase64),
        checkpoint: proof.head.checkpoint,
      },
      issuedAt: new Date().toISOString(),
    },
    keys.signer,
  );
}
