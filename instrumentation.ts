// Next.js start-up hook: validate the environment, then run the ledger sequencer inside the
// app (DESIGN.md §3: "any app instance; one at a time through a Postgres advisory lock").
export async function register() {
  // Next sets NEXT_RUNTIME; it is read raw because lib/config is only imported on Node.js.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { validateServerEnvironment } = await import("./lib/config/env");
  const { runtimeEnv } = await import("./lib/config/runtime-env");
  validateServerEnvironment();
  const { getPrisma } = await import("./lib/db/prisma");
  // The evidence CA is recorded and anchored once per CA, whichever instance starts first.
  const { anchorConfiguredEvidenceCa } = await import("./lib/reports/certificates/evidence-index");
  void anchorConfiguredEvidenceCa(getPrisma());
  const { startUnknownAccountFlush } = await import("./lib/auth/unknown-account-failures");
  startUnknownAccountFlush(getPrisma);
  if (runtimeEnv().HL_SEQUENCER === "off") return;
  const { startAppSequencer } = await import("./lib/ledger/seal/start-app-sequencer");
  const { scheduleVerification } = await import("./lib/ledger/verify/schedule-verification");
  const { startMonitor } = await import("./lib/monitor/start-monitor");
  const { startLedgerTrustWatch } = await import("./lib/monitor/integrity/watch-ledger-trust");
  startAppSequencer();
  scheduleVerification();
  // Rollups (and the rules) read what the sequencer sealed, so they run where it runs, unless a
  // process of their own follows the ledger (docs/scaling.md).
  if (runtimeEnv().HL_MONITOR === "on") startMonitor();
  // A closed rollback guard (old backup, rewritten history, a witness contradicting the database)
  // raises an integrity alert, whether or not anyone is reading patient data at the time.
  startLedgerTrustWatch();
}
