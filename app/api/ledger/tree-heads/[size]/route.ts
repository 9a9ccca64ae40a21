import { handleApi } from "@/lib/http/handle-api";
import { ledgerReadPoolAt } from "@/lib/ledger/ledger-read-pool";
import { getCheckpoint } from "@/lib/ledger/proofs/get-checkpoint";
import { ZTreeHeadParams } from "@/lib/ledger/proofs/ledger-api.types";
import { treeHeadJson } from "@/lib/ledger/proofs/ledger-json";

export const dynamic = "force-dynamic";

/** The tree head at a size: signed when a block ends there, otherwise recomputed and unsigned. */
export const GET = handleApi<{ size: string }>("ledger.read", async ({ params }) => {
  const { size } = ZTreeHeadParams.parse(params);
  return treeHeadJson(await getCheckpoint({ treeSize: size, pool: await ledgerReadPoolAt({ treeSize: size }) }));
});
