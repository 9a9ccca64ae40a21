import { handleApi } from "@/lib/http/handle-api";
import { parseQuery } from "@/lib/http/query";
import { getInclusionProof, getInclusionProofForRow } from "@/lib/ledger/proofs/get-inclusion-proof";
import { ZInclusionProofQuery } from "@/lib/ledger/proofs/ledger-api.types";
import { inclusionProofJson } from "@/lib/ledger/proofs/ledger-json";

export const dynamic = "force-dynamic";

/** Inclusion proof by leaf index, or by anchored row (kind + rowId); treeSize defaults to the latest. */
export const GET = handleApi("ledger.read", async ({ request }) => {
  const q = parseQuery(request, ZInclusionProofQuery);
  const proof = "index" in q ? await getInclusionProof(q) : await getInclusionProofForRow(q);
  return inclusionProofJson(proof);
});
