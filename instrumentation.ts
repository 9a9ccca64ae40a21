// Next.js start-up hook: validate the environment, then run the ledger sequencer inside the
// app (DESIGN.md §3: "any app instance; one at a time through a Postgres advisory lock").
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("./lib/config/env");
  serverEnv();
  if (process.env.HL_SEQUENCER === "off") return;
  const { startAppSequencer } = await import("./lib/ledger/seal/start-app-sequencer");
  const { scheduleVerification } = await import("./lib/ledger/verify/schedule-verification");
  startAppSequencer();
  scheduleVerification();
}
