import "server-only";
import { checkRollback, recordIssuedCheckpoint } from "@/lib/ledger/rollback/rollback-guard";
import type { TLedgerBlock } from "../read-ledger-state";
import { startSequencer, type TSequencer } from "./sequencer";

const g = globalThis as unknown as { __hlSequencer?: TSequencer };

/**
 * Start this app instance's sequencer once per process. Every instance runs one; the advisory
 * lock inside sealBatch makes them take turns, so there is no leader to configure.
 */
export function startAppSequencer(): TSequencer {
  if (g.__hlSequencer?.running) return g.__hlSequencer;
  // Every checkpoint this instance issues is also kept outside the database, so a restored old
  // backup (a smaller tree, possibly with erased keys back) is refused instead of served.
  const sequencer = startSequencer({
    onSeal: (r) => {
      if (r.block)
        rememberCheckpoint(r.block).catch((e) =>
          console.error("[ledger] checkpoint state:", e instanceof Error ? e.message : e),
        );
    },
  });
  g.__hlSequencer = sequencer;
  const stop = () => void sequencer.stop();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return sequencer;
}

/** Never let a block sealed on top of a restored backup overwrite the state that exposes it. */
async function rememberCheckpoint(block: TLedgerBlock) {
  const check = await checkRollback();
  if (!check.ok) {
    console.error(`[ledger] not recording checkpoint ${block.treeSize}: ${check.reason}`);
    return;
  }
  await recordIssuedCheckpoint(block);
}
