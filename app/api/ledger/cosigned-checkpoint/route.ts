import { AppError } from "@/lib/errors";
import { handleApi } from "@/lib/http/handle-api";
import { latestCosignedCheckpoint } from "@/lib/ledger/witness/cosigned-checkpoint";

export const dynamic = "force-dynamic";

/**
 * The latest checkpoint cosigned by the witness quorum, as a C2SP signed note (the log's
 * signature, then the witnesses' cosignature/v1 lines). The headers say who cosigned it and
 * whether the quorum was met (when it was not, this is the latest checkpoint with what it has).
 */
export const GET = handleApi("ledger.read", async () => {
  const cp = await latestCosignedCheckpoint();
  if (!cp) throw new AppError("not_found", "the ledger is empty: nothing has been sealed yet");
  return new Response(cp.note, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "x-healthledger-tree-size": String(cp.treeSize),
      "x-healthledger-cosigned-by": cp.cosignedBy.join(","),
      "x-healthledger-quorum": `${cp.quorum.k}/${cp.quorum.n} ${cp.quorumMet ? "met" : "not met"}`,
    },
  });
});
