import { handleApi } from "@/lib/http/handle-api";
import { parseQuery } from "@/lib/http/query";
import { ledgerReadPoolAt } from "@/lib/ledger/ledger-read-pool";
import { getConsistencyProof } from "@/lib/ledger/proofs/get-consistency-proof";
import { ZConsistencyProofQuery } from "@/lib/ledger/proofs/ledger-api.types";
import { consistencyProofJson } from "@/lib/ledger/proofs/ledger-json";

export const dynamic = "force-dynamic";

/** Consistency proof from tree size `from` to `to` (default: the latest). */
export const GET = handleApi("ledger.read", async ({ request }) => {
  const q = parseQuery(request, ZConsistencyProofQuery);
  const pool = await ledgerReadPoolAt({ treeSize: q.to ?? q.from });
  return consistencyProofJson(await getConsistencyProof({ oldSize: q.from, newSize: q.to, pool }));
});
