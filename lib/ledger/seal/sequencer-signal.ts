import "server-only";
import { EventEmitter } from "node:events";

// In-process wake-ups: writers poke the local sequencer after enqueueing, and the sequencer
// announces seals so awaitSealed need not poll the database hard. Kept on globalThis because
// Next's dev server may load this module more than once.
const g = globalThis as unknown as { __hlLedgerBus?: EventEmitter };
const bus = (g.__hlLedgerBus ??= new EventEmitter().setMaxListeners(0));

/** Postgres channel for cross-process wake-ups (other app instances, the CLI). */
export const LEDGER_CHANNEL = "healthledger_ledger_queue";

let scheduled = false;

/**
 * Wakes the local sequencer soon. Called inside the writer's transaction, i.e. before its
 * commit: the sequencer waits a few ms for more rows anyway, and its polling catches stragglers.
 */
export function wakeLocalSequencer(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    bus.emit("wake");
  });
}

export function onWake(listener: () => void): () => void {
  bus.on("wake", listener);
  return () => bus.off("wake", listener);
}

export function announceSealed(treeSize: number): void {
  bus.emit("sealed", treeSize);
}

export function onSealed(listener: (treeSize: number) => void): () => void {
  bus.on("sealed", listener);
  return () => bus.off("sealed", listener);
}
