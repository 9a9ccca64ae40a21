import "server-only";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { runVerification } from "./run-verification";

const g = globalThis as unknown as { __hlVerifyTimer?: NodeJS.Timeout };

/**
 * Full verification on a timer (HL_VERIFY_EVERY_HOURS, default 24, at most 24 days; 0 turns it off). Each run is
 * recorded and anchored like a manual one; a failing run shows on the audit-evidence page.
 * Every instance runs the schedule; that only costs a duplicate check, never a wrong result.
 */
export function scheduleVerification(hours = runtimeEnv().HL_VERIFY_EVERY_HOURS) {
  if (!(hours > 0) || g.__hlVerifyTimer) return;
  g.__hlVerifyTimer = setInterval(() => {
    runVerification({ mode: "scheduled" }).then(
      (run) => {
        if (!run.ok)
          console.error(`[ledger] scheduled verification found ${run.findingCount} problem(s); run ${run.runId}`);
      },
      (err) =>
        console.error("[ledger] scheduled verification could not run:", err instanceof Error ? err.message : err),
    );
  }, hours * 3600_000);
  g.__hlVerifyTimer.unref();
}
