import { z } from "zod";
import { handleApi } from "@/lib/http/handle-api";
import { zNonNegativeInt } from "@/lib/http/query";
import { blockJson } from "@/lib/ledger/proofs/ledger-json";
import { getBlock } from "@/lib/ledger/proofs/list-blocks";

export const dynamic = "force-dynamic";

const ZParams = z.object({ height: zNonNegativeInt("height") });

export const GET = handleApi<{ height: string }>("ledger.read", async ({ params }) => {
  return blockJson(await getBlock(ZParams.parse(params)));
});
