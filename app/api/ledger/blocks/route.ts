import { handleApi } from "@/lib/http/handle-api";
import { getLedgerReadPool } from "@/lib/ledger/ledger-read-pool";
import { parseQuery } from "@/lib/http/query";
import { ZBlockListQuery } from "@/lib/ledger/proofs/ledger-api.types";
import { blockListJson } from "@/lib/ledger/proofs/ledger-json";
import { listBlocks } from "@/lib/ledger/proofs/list-blocks";

export const dynamic = "force-dynamic";

/** Blocks, newest first; pass `nextBefore` back as `before` for the next page. */
export const GET = handleApi("ledger.read", async ({ request }) => {
  return blockListJson(await listBlocks({ ...parseQuery(request, ZBlockListQuery), pool: getLedgerReadPool() }));
});
