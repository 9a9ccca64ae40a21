import { handleApi } from "@/lib/http/handle-api";
import { parseQuery } from "@/lib/http/query";
import { ledgerReadPoolAt, readWithPrimaryFallback } from "@/lib/ledger/ledger-read-pool";
import { getInclusionProof, getInclusionProofForRow } from "@/lib/ledger/proofs/get-inclusion-proof";
import { ZInclusionProofQuery } from "@/lib/ledger/proofs/ledger-api.types";
import { inclusionProofJson } from "@/lib/ledger/proofs/ledger-json";

export const dynamic = "force-dynamic";

/** Inclusion proof by leaf index, or by anchored row (kind + rowId); treeSize defaults to the latest. */
export const GET = handleApi("ledger.read", async ({ request }) => {
  const q = parseQuery(request, ZInclusionProofQuery);
  // A read: the replica's when it has the requested tree, the primary's for a row it has not replayed yet.
  const pool = await ledgerReadPoolAt({ treeSize: q.treeSize });
  const proof =
    "index" in q
      ? await getInclusionProof({ ...q, pool })
      : await readWithPrimaryFallback((p) => getInclusionProofForRow({ ...q, pool: p }), pool);
  return inclusionProofJson(proof);
});
