import { handleApi } from "@/lib/http/handle-api";
import { parseQuery } from "@/lib/http/query";
import { getConsistencyProof } from "@/lib/ledger/proofs/get-consistency-proof";
import { ZConsistencyProofQuery } from "@/lib/ledger/proofs/ledger-api.types";
import { consistencyProofJson } from "@/lib/ledger/proofs/ledger-json";

export const dynamic = "force-dynamic";

/** Consistency proof from tree size `from` to `to` (default: the latest). */
export const GET = handleApi("ledger.read", async ({ request }) => {
  const q = parseQuery(request, ZConsistencyProofQuery);
  return consistencyProofJson(await getConsistencyProof({ oldSize: q.from, newSize: q.to }));
});
