import "server-only";
import { DEFAULT_MAX_BATCH, sealBatch, type TSealOptions } from "./seal-batch";
import { getLedgerPool } from "../ledger-pool";
import type { TLedgerBlock } from "../read-ledger-state";

export type TSealPendingResult = { sealed: number; blocks: number; lastBlock: TLedgerBlock | null };

/**
 * Seals until the queue is empty (for the CLI, seeding and tests). When another sequencer holds
 * the lock it waits for it, so on return every row queued before the call is sealed.
 */
export async function sealPending(options: TSealOptions & { timeoutMs?: number } = {}): Promise<TSealPendingResult> {
  const pool = options.pool ?? getLedgerPool();
  const maxRows = options.maxRows ?? DEFAULT_MAX_BATCH;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const total: TSealPendingResult = { sealed: 0, blocks: 0, lastBlock: null };
  for (;;) {
    const r = await sealBatch({ ...options, pool, maxRows });
    total.sealed += r.sealed;
    if (r.block) {
      total.blocks++;
      total.lastBlock = r.block;
    }
    if (r.locked && r.sealed + r.refused < maxRows) return total;
    if (!r.locked) {
      if (Date.now() > deadline) throw new Error("sealPending: another sequencer held the lock past the timeout");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
