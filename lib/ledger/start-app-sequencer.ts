import "server-only";
import { startSequencer, type TSequencer } from "./sequencer";

const g = globalThis as unknown as { __hlSequencer?: TSequencer };

/**
 * Start this app instance's sequencer once per process. Every instance runs one; the advisory
 * lock inside sealBatch makes them take turns, so there is no leader to configure.
 */
export function startAppSequencer(): TSequencer {
  if (g.__hlSequencer?.running) return g.__hlSequencer;
  const sequencer = startSequencer({});
  g.__hlSequencer = sequencer;
  const stop = () => void sequencer.stop();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return sequencer;
}
