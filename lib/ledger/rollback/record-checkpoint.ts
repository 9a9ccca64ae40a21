import "server-only";
import { bytesToHex } from "../tlog/encoding";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { readLatestBlock, type TLedgerBlock } from "../read-ledger-state";
import { sealPending, type TSealPendingResult } from "../seal/seal-pending";
import type { TCheckpointStore, TIssuedCheckpoint, TRecordOptions } from "./checkpoint-store";
import { configuredCheckpointStores } from "./checkpoint-stores";
import { checkRollbackWithAnswers } from "./rollback-guard";

export type TRecordOutcome = "recorded" | "first" | "refused";

/**
 * Write a block's checkpoint into every store (each keeps the larger one unless superseding);
 * with `seen` (what each store held when the guard read it), only into a store that still holds
 * it. False when some store was left alone for that reason.
 */
export async function writeCheckpoint(input: {
  logId: string;
  block: Pick<TLedgerBlock, "treeSize" | "rootHash" | "checkpoint">;
  stores?: readonly TCheckpointStore[];
  seen?: readonly (TIssuedCheckpoint | null | undefined)[];
  options?: TRecordOptions & { trustRequestId?: string };
}): Promise<boolean> {
  const cp = {
    treeSize: input.block.treeSize,
    rootHash: bytesToHex(input.block.rootHash),
    checkpoint: input.block.checkpoint,
    recordedAt: new Date().toISOString(),
    ...(input.options?.trustRequestId ? { trustRequestId: input.options.trustRequestId } : {}),
  };
  const stores = input.stores ?? configuredCheckpointStores();
  const written = await Promise.all(
    stores.map((s, i) => {
      const seen = input.seen?.[i];
      const expect = seen === undefined ? undefined : seen && { treeSize: seen.treeSize, rootHash: seen.rootHash };
      return s.record(input.logId, cp, { supersede: input.options?.supersede, expect });
    }),
  );
  return written.every(Boolean);
}

/**
 * After a seal: remember the new checkpoint outside the database, but only on a history the
 * stores already trust — a block sealed on top of a restored backup must never overwrite the
 * state that exposes it. The one exception is a ledger this very seal began (`createdLog`: the
 * ledger was empty, the block is its genesis), which is how a new installation comes to be
 * trusted without an administrator. Each store is written only if it still holds what the guard
 * read from it: a store moved aside between the two is not written back (it is refused instead).
 */
export async function recordSealedCheckpoint(input: {
  block: TLedgerBlock;
  createdLog: boolean;
  pool?: LedgerPool;
  stores?: readonly TCheckpointStore[];
}): Promise<TRecordOutcome> {
  const pool = input.pool ?? getLedgerPool();
  const stores = input.stores ?? configuredCheckpointStores();
  const { check, seen } = await checkRollbackWithAnswers(pool, stores);
  if (!check.logId) return "refused";
  const outcome = check.ok ? "recorded" : check.state === "untrusted" && input.createdLog ? "first" : "refused";
  if (outcome === "refused") return outcome;
  return (await writeCheckpoint({ logId: check.logId, block: input.block, stores, seen })) ? outcome : "refused";
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
