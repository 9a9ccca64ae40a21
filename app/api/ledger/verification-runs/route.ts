import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { verificationJobJson, verificationRunListJson } from "@/lib/ledger/proofs/ledger-json";
import { listVerificationRuns } from "@/lib/ledger/verify/list-verification-runs";
import { runningVerification, startVerification } from "@/lib/ledger/verify/start-verification";

export const dynamic = "force-dynamic";

/**
 * Recorded runs, newest first, and the full verification running now (if any). The running job
 * is read first: a job is marked done only after its run is stored, so a client that sees no
 * running job also sees the run it ended with (read the other way round, a job ending between
 * the two reads would be in neither).
 */
export const GET = handleApi("ledger.read", async () => {
  const running = await runningVerification();
  return verificationRunListJson(await listVerificationRuns(getPrisma()), running);
});

/**
 * Start a full verification in the background, or join the one already running (on any instance):
 * 202 with the job's id either way. The run is stored and anchored like a scheduled one and shows
 * in GET once it ends.
 */
export const POST = handleApi("ledger.verify", async () =>
  Response.json(verificationJobJson(await startVerification()), { status: 202 }),
);
