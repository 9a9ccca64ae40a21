import "server-only";
import { dbBytes } from "@/lib/db/bytes";
import type { Prisma } from "@/lib/generated/prisma/client";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { sealErasureReason } from "./erasure-reason";

export type TWriteErasureDecisionInput = {
  requestId: string;
  patientId: string;
  pseudonym: string;
  outcome: "approved" | "refused" | "withdrawn";
  ground: string;
  reason: string;
  decidedById: string;
  recordCount: number;
};

/**
 * Inserts the decision that closes an erasure request, its reason sealed under the patient's data
 * key, and queues its leaf (erasure_decision v2, which covers the sealed reason). Call it inside
 * the transaction that holds the patient's row FOR UPDATE, before any key is destroyed.
 */
export async function writeErasureDecision(tx: Prisma.TransactionClient, input: TWriteErasureDecisionInput) {
  const id = newAnchoredRowId();
  const key = await openPatientKey(tx, input.patientId);
  let sealedReason: Buffer;
  try {
    sealedReason = sealErasureReason(key.dek, { patientId: input.patientId, decisionId: id }, input.reason);
  } finally {
    key.dek.fill(0);
  }
  const decision = await tx.erasureDecision.create({
    data: {
      id,
      requestId: input.requestId,
      pseudonym: input.pseudonym,
      outcome: input.outcome,
      ground: input.ground,
      sealedReason: dbBytes(sealedReason),
      decidedById: input.decidedById,
      recordCount: input.recordCount,
    },
  });
  await enqueueLeaf(tx, { kind: "erasure_decision", row: decision });
  return decision;
}
