import { z } from "zod";
import { handleApi } from "@/lib/http/handle-api";
import { parseQuery, zNonNegativeInt } from "@/lib/http/query";
import { getConsistencyProof } from "@/lib/ledger/proofs/get-consistency-proof";
import { consistencyProofJson } from "@/lib/ledger/proofs/ledger-json";

export const dynamic = "force-dynamic";

const ZQuery = z.object({ from: zNonNegativeInt("from"), to: zNonNegativeInt("to").optional() }).strict();

/** Consistency proof from tree size `from` to `to` (default: the latest). */
export const GET = handleApi("ledger.read", async ({ request }) => {
  const q = parseQuery(request, ZQuery);
  return consistencyProofJson(await getConsistencyProof({ oldSize: q.from, newSize: q.to }));
});
