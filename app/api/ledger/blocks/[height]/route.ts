import { handleApi } from "@/lib/http/handle-api";
import { ledgerReadPoolAt } from "@/lib/ledger/ledger-read-pool";
import { ZBlockParams } from "@/lib/ledger/proofs/ledger-api.types";
import { blockJson } from "@/lib/ledger/proofs/ledger-json";
import { getBlock } from "@/lib/ledger/proofs/list-blocks";

export const dynamic = "force-dynamic";

export const GET = handleApi<{ height: string }>("ledger.read", async ({ params }) => {
  const { height } = ZBlockParams.parse(params);
  return blockJson(await getBlock({ height, pool: await ledgerReadPoolAt({ height }) }));
});
