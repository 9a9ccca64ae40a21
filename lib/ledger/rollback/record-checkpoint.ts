import "server-only";
import { bytesToHex } from "../tlog/encoding";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { readLatestBlock, type TLedgerBlock } from "../read-ledger-state";
import { sealPending, type TSealPendingResult } from "../seal/seal-pending";
import type { TCheckpointStore, TRecordOptions } from "./checkpoint-store";
import { configuredCheckpointStores } from "./checkpoint-stores";
import { checkRollback } from "./rollback-guard";

export type TRecordOutcome = "recorded" | "first" | "refused";

/** Write a block's checkpoint into every store (each keeps the larger one unless superseding). */
export async function writeCheckpoint(input: {
  logId: string;
  block: Pick<TLedgerBlock, "treeSize" | "rootHash" | "checkpoint">;
  stores?: readonly TCheckpointStore[];
  options?: TRecordOptions & { trustRequestId?: string };
}): Promise<void> {
  const cp = {
    treeSize: input.block.treeSize,
    rootHash: bytesToHex(input.block.rootHash),
    checkpoint: input.block.checkpoint,
    recordedAt: new Date().toISOString(),
    ...(input.options?.trustRequestId ? { trustRequestId: input.options.trustRequestId } : {}),
  };
  const stores = input.stores ?? configuredCheckpointStores();
  await Promise.all(stores.map((s) => s.record(input.logId, cp, { supersede: input.options?.supersede })));
}

/**
 * After a seal: remember the new checkpoint outside the database, but only on a history the
 * stores already trust — a block sealed on top of a restored backup must never overwrite the
 * state that exposes it. The one exception is a ledger this very seal began (`createdLog`: the
 * ledger was empty, the block is its genesis), which is how a new installation comes to be
 * trusted without an administrator.
 */
export async function recordSealedCheckpoint(input: {
  block: TLedgerBlock;
  createdLog: boolean;
  pool?: LedgerPool;
  stores?: readonly TCheckpointStore[];
}): Promise<TRecordOutcome> {
  const pool = input.pool ?? getLedgerPool();
  const stores = input.stores ?? configuredCheckpointStores();
  const check = await checkRollback(pool, stores);
  if (!check.logId) return "refused";
  if (check.ok) {
    await writeCheckpoint({ logId: check.logId, block: input.block, stores });
    return "recorded";
  }
  if (check.state === "untrusted" && input.createdLog) {
    await writeCheckpoint({ logId: check.logId, block: input.block, stores });
    return "first";
  }
  return "refused";
}

/**
 * For the CLI: seal what is queued and remember the result as the app's sequencer would, so a
 * command that seals the first block of a new installation leaves it trusted.
 */
export async function sealPendingAndRecord(pool: LedgerPool = getLedgerPool()): Promise<TSealPendingResult> {
  const before = await readLatestBlock(pool);
  const sealed = await sealPending({ pool });
  if (sealed.lastBlock) await recordSealedCheckpoint({ block: sealed.lastBlock, createdLog: before === null, pool });
  return sealed;
}
