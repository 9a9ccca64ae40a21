import "server-only";
import { getLedgerPool } from "@/lib/ledger/ledger-pool";
import { checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { raiseLedgerTrustAlert } from "./raise-ledger-trust-alert";

/** How often the guard is asked when no request asked it (patient-data requests ask on their own). */
const EVERY_MS = 15_000;

const g = globalThis as unknown as { __hlTrustWatch?: NodeJS.Timeout };

/**
 * Asks the rollback guard (the local state file and every witness) on a schedule, and raises an
 * integrity alert when it is closed, so the privacy office hears of a restored backup or a
 * rewritten history even when nobody is opening patient data.
 */
export function startLedgerTrustWatch(): void {
  if (g.__hlTrustWatch) return;
  const tick = async () => {
    const check = await checkRollback();
    if (!check.ok && (await raiseLedgerTrustAlert(getLedgerPool(), check)))
      console.error(`[ledger] integrity alert raised: the rollback guard is closed (${check.state}): ${check.reason}`);
  };
  const run = () =>
    void tick().catch((e) => console.error("[ledger] trust watch:", e instanceof Error ? e.message : e));
  g.__hlTrustWatch = setInterval(run, EVERY_MS);
  g.__hlTrustWatch.unref();
  setTimeout(run, 2_000).unref();
}
