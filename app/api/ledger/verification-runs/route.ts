import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { verificationJobJson, verificationRunListJson } from "@/lib/ledger/proofs/ledger-json";
import { listVerificationRuns } from "@/lib/ledger/verify/list-verification-runs";
import { runningVerification, startVerification } from "@/lib/ledger/verify/start-verification";

export const dynamic = "force-dynamic";

/** Recorded runs, newest first, and the full verification running now (if any). */
export const GET = handleApi("ledger.read", async () =>
  verificationRunListJson(await listVerificationRuns(getPrisma()), await runningVerification()),
);

/**
 * Start a full verification in the background, or join the one already running (on any instance):
 * 202 with the job's id either way. The run is stored and anchored like a scheduled one and shows
 * in GET once it ends.
 */
export const POST = handleApi("ledger.verify", async () =>
  Response.json(verificationJobJson(await startVerification()), { status: 202 }),
);
