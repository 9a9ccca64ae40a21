import { getPrisma } from "@/lib/db/prisma";
import { NOTARIZE_BODY_BYTES } from "@/lib/http/body-limits";
import { handleApi } from "@/lib/http/handle-api";
import { awaitSealed } from "@/lib/ledger/seal/await-sealed";
import { hexToBytes } from "@/lib/ledger/tlog/encoding";
import { getInclusionProofForRow } from "@/lib/ledger/proofs/get-inclusion-proof";
import { ZNotarizeDocumentRequest } from "@/lib/ledger/proofs/ledger-api.types";
import { notarizedDocumentJson } from "@/lib/ledger/proofs/ledger-json";
import { notarizeDocument } from "@/lib/ledger/notarize-document";

export const dynamic = "force-dynamic";

/** Time-stamp a file by its SHA-256; answers once it is sealed, with its inclusion proof. */
export const POST = handleApi(
  "ledger.notarize",
  async ({ readJson, user }) => {
    const input = ZNotarizeDocumentRequest.parse(await readJson());
    const document = await notarizeDocument({
      prisma: getPrisma(),
      title: input.title,
      sha256: hexToBytes(input.sha256.toLowerCase()),
      createdById: user.id,
    });
    const receipt = await awaitSealed({ kind: "notarized_document", rowId: document.id, timeoutMs: 10_000 });
    const proof = await getInclusionProofForRow({
      kind: "notarized_document",
      rowId: document.id,
      treeSize: receipt.treeSize,
    });
    return Response.json(notarizedDocumentJson({ document, receipt, proof }), { status: 201 });
  },
  { maxBodyBytes: NOTARIZE_BODY_BYTES },
);
