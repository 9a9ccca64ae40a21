import { z } from "zod";
import { handleApi } from "@/lib/http/handle-api";
import { parseQuery, zNonNegativeInt } from "@/lib/http/query";
import { getInclusionProof, getInclusionProofForRow } from "@/lib/ledger/proofs/get-inclusion-proof";
import { LEAF_KINDS } from "@/lib/ledger/kinds";
import { inclusionProofJson } from "@/lib/ledger/proofs/ledger-json";

export const dynamic = "force-dynamic";

const kinds = Object.keys(LEAF_KINDS) as [string, ...string[]];
const ZQuery = z.union(
  [
    z.object({ index: zNonNegativeInt("index"), treeSize: zNonNegativeInt("treeSize").optional() }).strict(),
    z
      .object({
        kind: z.enum(kinds),
        rowId: z.string().uuid("rowId must be a UUID"),
        treeSize: zNonNegativeInt("treeSize").optional(),
      })
      .strict(),
  ],
  { error: "give either index (and optionally treeSize) or kind and rowId" },
);

/** Inclusion proof by leaf index, or by anchored row (kind + rowId); treeSize defaults to the latest. */
export const GET = handleApi("ledger.read", async ({ request }) => {
  const q = parseQuery(request, ZQuery);
  const proof = "index" in q ? await getInclusionProof(q) : await getInclusionProofForRow(q);
  return inclusionProofJson(proof);
});
