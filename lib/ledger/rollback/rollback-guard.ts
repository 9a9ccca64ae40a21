import "server-only";
import { AppError } from "@/lib/errors";
import { bytesToHex } from "../tlog/encoding";
import { treeHeadAt } from "../proofs/get-checkpoint";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { readLatestBlock, type TQueryable } from "../read-ledger-state";
import type { TCheckpointStore, TIssuedCheckpoint } from "./checkpoint-store";
import { configuredCheckpointStores } from "./checkpoint-stores";
import { decideRollback, type TRollbackCheck, type TStoreAnswer } from "./decide-rollback";

export type { TRollbackCheck };

/** The log's identity: the first 16 bytes (hex) of its genesis block's hash, or null before it. */
export async function readLogId(db: TQueryable): Promise<string | null> {
  // Read every time, not cached: a ledger rebuilt from a new genesis while the app runs is another log.
  const { rows } = await db.query(`SELECT "blockHash" FROM "LedgerBlock" WHERE height = 0`);
  return rows.length ? logIdOfGenesis(new Uint8Array(rows[0].blockHash)) : null;
}

export function logIdOfGenesis(blockHash: Uint8Array): string {
  return bytesToHex(blockHash).slice(0, 32);
}

async function askStore(db: TQueryable, store: TCheckpointStore, logId: string, treeSize: number) {
  let issued;
  try {
    issued = await store.latest(logId);
  } catch (err) {
    return { store: store.name, error: err instanceof Error ? err.message : String(err) } satisfies TStoreAnswer;
  }
  if (!issued || issued.treeSize > treeSize) return { store: store.name, issued, rootAtIssuedSize: null };
  // A tree that cannot give its root at that size (tiles missing) contradicts the checkpoint too.
  const root = await treeHeadAt(db, issued.treeSize).then(
    (h) => bytesToHex(h.rootHash),
    () => null,
  );
  return { store: store.name, issued, rootAtIssuedSize: root } satisfies TStoreAnswer;
}

/**
 * Compare the database's ledger with what every store of truth remembers (decideRollback).
 * Empty ledger: ok. Otherwise ok only when some store knows a checkpoint of this log, every
 * known one is no larger than the tree, and the tree has the same root at its size.
 */
export async function checkRollback(
  pool: LedgerPool = getLedgerPool(),
  stores: readonly TCheckpointStore[] = configuredCheckpointStores(),
): Promise<TRollbackCheck> {
  return (await checkRollbackWithAnswers(pool, stores)).check;
}

/**
 * checkRollback, with what each store held when asked (`seen[i]` for `stores[i]`; undefined for a
 * store that could not be read), so a write that follows can insist the store still holds it.
 */
export async function checkRollbackWithAnswers(
  pool: LedgerPool,
  stores: readonly TCheckpointStore[],
): Promise<{ check: TRollbackCheck; seen: (TIssuedCheckpoint | null | undefined)[] }> {
  const latest = await readLatestBlock(pool);
  const logId = latest ? await readLogId(pool) : null;
  if (!latest || !logId) return { check: decideRollback({ head: null, answers: [] }), seen: [] };
  const answers = await Promise.all(stores.map((s) => askStore(pool, s, logId, latest.treeSize)));
  return {
    check: decideRollback({ head: { logId, treeSize: latest.treeSize }, answers }),
    seen: answers.map((a) => ("error" in a ? undefined : a.issued)),
  };
}

const WHAT_NEXT =
  "An administrator must find out why, then restore the latest database or re-trust the current ledger head " +
  "(Administration → Ledger trust, approved by a second administrator).";

/** The sentence patient-data paths answer with while the guard is closed. */
export function rollbackMessage(check: Extract<TRollbackCheck, { ok: false }>): string {
  const why = {
    untrusted: "this server knows no checkpoint it issued for the ledger in the database",
    behind: "the database looks restored from an older backup, and erased patients' keys may have come back",
    diverged: "the database's ledger history differs from the one this server issued checkpoints for",
    store_error: "the record of issued checkpoints could not be read",
  }[check.state];
  return `Patient data is unavailable: ${why} (${check.reason}). ${WHAT_NEXT}`;
}

/** Ok answers are reused for 2 s per pool; a closed guard is asked again on every call. */
const lastOk = new WeakMap<object, number>();

/** For patient-data routes and pages: 503 "ledger_untrusted" until the ledger head is trusted. */
export async function assertNotRolledBack(pool: LedgerPool = getLedgerPool()): Promise<void> {
  if (Date.now() - (lastOk.get(pool) ?? 0) < 2_000) return;
  const check = await checkRollback(pool);
  if (check.ok) {
    lastOk.set(pool, Date.now());
    return;
  }
  throw new AppError("ledger_untrusted", rollbackMessage(check));
}

/** For the app's shell: the sentence to show on every page while the guard is closed, else null. */
export async function rollbackNotice(pool?: LedgerPool): Promise<string | null> {
  try {
    await assertNotRolledBack(pool);
    return null;
  } catch (err) {
    if (err instanceof AppError && err.code === "ledger_untrusted") return err.message;
    throw err;
  }
}
