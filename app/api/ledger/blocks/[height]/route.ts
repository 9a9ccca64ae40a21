import { handleApi } from "@/lib/http/handle-api";
import { ZBlockParams } from "@/lib/ledger/proofs/ledger-api.types";
import { blockJson } from "@/lib/ledger/proofs/ledger-json";
import { getBlock } from "@/lib/ledger/proofs/list-blocks";

export const dynamic = "force-dynamic";

export const GET = handleApi<{ height: string }>("ledger.read", async ({ params }) => {
  return blockJson(await getBlock(ZBlockParams.parse(params)));
});
