import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { awaitSealed } from "@/lib/ledger/seal/await-sealed";
import { hexToBytes } from "@/lib/ledger/tlog/encoding";
import { getInclusionProofForRow } from "@/lib/ledger/proofs/get-inclusion-proof";
import { inclusionProofJson } from "@/lib/ledger/proofs/ledger-json";
import { notarizeDocument } from "@/lib/ledger/notarize-document";

export const dynamic = "force-dynamic";

const ZNotarize = z
  .object({
    title: z.string().trim().min(1, "title is required").max(300, "title must be at most 300 characters"),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "sha256 must be 64 hexadecimal characters"),
  })
  .strict();

/** Time-stamp a file by its SHA-256; answers once it is sealed, with its inclusion proof. */
export const POST = handleApi("ledger.notarize", async ({ request, user }) => {
  const input = ZNotarize.parse(await request.json().catch(() => ({})));
  const doc = await notarizeDocument({
    prisma: getPrisma(),
    title: input.title,
    sha256: hexToBytes(input.sha256.toLowerCase()),
    createdById: user.id,
  });
  const receipt = await awaitSealed({ kind: "notarized_document", rowId: doc.id, timeoutMs: 10_000 });
  const proof = await getInclusionProofForRow({
    kind: "notarized_document",
    rowId: doc.id,
    treeSize: receipt.treeSize,
  });
  return Response.json(
    {
      id: doc.id,
      title: doc.title,
      sha256: input.sha256.toLowerCase(),
      createdAt: doc.createdAt,
      receipt,
      inclusionProof: inclusionProofJson(proof),
    },
    { status: 201 },
  );
});
