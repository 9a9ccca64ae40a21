import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { verificationResultJson, verificationRunListJson } from "@/lib/ledger/proofs/ledger-json";
import { listVerificationRuns } from "@/lib/ledger/verify/list-verification-runs";
import { runVerification } from "@/lib/ledger/verify/run-verification";

export const dynamic = "force-dynamic";

export const GET = handleApi("ledger.read", async () =>
  verificationRunListJson(await listVerificationRuns(getPrisma())),
);

/** Run full verification now; the run is stored and anchored like a scheduled one. */
export const POST = handleApi("ledger.verify", async () =>
  verificationResultJson(await runVerification({ mode: "full" })),
);
