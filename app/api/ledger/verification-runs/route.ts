import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { listVerificationRuns } from "@/lib/ledger/verify/list-verification-runs";
import { runVerification } from "@/lib/ledger/verify/run-verification";

export const dynamic = "force-dynamic";

export const GET = handleApi("ledger.read", async () => ({ runs: await listVerificationRuns(getPrisma()) }));

/** Run full verification now; the run is stored and anchored like a scheduled one. */
export const POST = handleApi("ledger.verify", async () => {
  const run = await runVerification({ mode: "full" });
  return {
    runId: run.runId,
    ok: run.ok,
    treeSize: run.treeSize,
    findingCount: run.findingCount,
    findings: run.findings,
    durationMs: run.durationMs,
  };
});
