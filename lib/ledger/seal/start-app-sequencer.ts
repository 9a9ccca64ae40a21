import "server-only";
import { recordSealedCheckpoint } from "@/lib/ledger/rollback/record-checkpoint";
import { startAppWitnessPusher } from "@/lib/ledger/witness/start-app-witnesses";
import { startSequencer, type TSequencer } from "./sequencer";

const g = globalThis as unknown as { __hlSequencer?: TSequencer };

/**
 * Start this app instance's sequencer once per process. Every instance runs one; the advisory
 * lock inside sealBatch makes them take turns, so there is no leader to configure.
 */
export function startAppSequencer(): TSequencer {
  if (g.__hlSequencer?.running) return g.__hlSequencer;
  // Every checkpoint this instance issues is also kept outside the database, so a restored old
  // backup (a smaller tree, possibly with erased keys back) is refused instead of served. A
  // block of height 0 is the genesis this seal just made: the one a new installation trusts.
  // One record at a time, in seal order: the genesis must be remembered before the next block
  // is checked against it. A closed guard is reported once, not at every seal.
  let recording = Promise.resolve();
  let reported = false;
  // Witnesses get every checkpoint too, in the background: a slow or absent witness never holds
  // up a seal, and it is the witness, not this instance, that judges whether the history is whole.
  const witnesses = startAppWitnessPusher();
  const sequencer = startSequencer({
    onSeal: (r) => {
      const block = r.block;
      if (!block) return;
      witnesses?.offer(block);
      recording = recording
        .then(() => recordSealedCheckpoint({ block, createdLog: block.height === 0 }))
        .then((outcome) => {
          if (outcome !== "refused") reported = false;
          else if (!reported) {
            reported = true;
            console.error(`[ledger] checkpoint ${block.treeSize} not recorded: the ledger head is not trusted`);
          }
        })
        .catch((e) => console.error("[ledger] checkpoint state:", e instanceof Error ? e.message : e));
    },
  });
  g.__hlSequencer = sequencer;
  const stop = () => void sequencer.stop();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return sequencer;
}
