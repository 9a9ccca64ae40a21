import { z } from "zod";
import { handleApi } from "@/lib/http/handle-api";
import { zNonNegativeInt } from "@/lib/http/query";
import { getCheckpoint } from "@/lib/ledger/proofs/get-checkpoint";
import { treeHeadJson } from "@/lib/ledger/proofs/ledger-json";

export const dynamic = "force-dynamic";

const ZParams = z.object({ size: zNonNegativeInt("size") });

/** The tree head at a size: signed when a block ends there, otherwise recomputed and unsigned. */
export const GET = handleApi<{ size: string }>("ledger.read", async ({ params }) => {
  const { size } = ZParams.parse(params);
  return treeHeadJson(await getCheckpoint({ treeSize: size }));
});
