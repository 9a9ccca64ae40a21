import "server-only";
import { AppError } from "@/lib/errors";
import { bytesToHex } from "../tlog/encoding";
import { treeHeadAt } from "../proofs/get-checkpoint";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { readLatestBlock, type TLedgerBlock, type TQueryable } from "../read-ledger-state";
import { checkpointStateFile, readIssuedCheckpoint, writeIssuedCheckpoint } from "./issued-checkpoints";

export type TRollbackCheck =
  | { ok: true; treeSize: number; issuedTreeSize: number | null }
  | { ok: false; treeSize: number; issuedTreeSize: number; reason: string };

const logIds = new WeakMap<object, string>();

/** The log's identity: the hash of its genesis block (height 0). */
async function logIdOf(db: TQueryable): Promise<string | null> {
  const cached = logIds.get(db);
  if (cached) return cached;
  const { rows } = await db.query(`SELECT "blockHash" FROM "LedgerBlock" WHERE height = 0`);
  if (!rows.length) return null;
  const id = bytesToHex(new Uint8Array(rows[0].blockHash)).slice(0, 32);
  logIds.set(db, id);
  return id;
}

/**
 * Hook for the sequencer: call after every seal (startSequencer({ onSeal: (r) => r.block &&
 * recordIssuedCheckpoint(r.block) })) so the latest issued checkpoint lives outside the database.
 */
export async function recordIssuedCheckpoint(block: TLedgerBlock, pool: LedgerPool = getLedgerPool()): Promise<void> {
  const logId = await logIdOf(pool);
  if (!logId) return;
  writeIssuedCheckpoint(logId, {
    treeSize: block.treeSize,
    rootHash: bytesToHex(block.rootHash),
    checkpoint: block.checkpoint,
  });
}

/** Compare the database's tree with the latest checkpoint issued: smaller or different means a rollback. */
export async function checkRollback(pool: LedgerPool = getLedgerPool()): Promise<TRollbackCheck> {
  const latest = await readLatestBlock(pool);
  const logId = latest ? await logIdOf(pool) : null;
  const issued = logId ? readIssuedCheckpoint(logId) : null;
  const treeSize = latest?.treeSize ?? 0;
  if (!issued) return { ok: true, treeSize, issuedTreeSize: null };
  if (treeSize < issued.treeSize) {
    return {
      ok: false,
      treeSize,
      issuedTreeSize: issued.treeSize,
      reason: `the database's ledger has ${treeSize} entries but this app already issued a checkpoint for ${issued.treeSize}`,
    };
  }
  const head = await treeHeadAt(pool, issued.treeSize);
  if (bytesToHex(head.rootHash) !== issued.rootHash) {
    return {
      ok: false,
      treeSize,
      issuedTreeSize: issued.treeSize,
      reason: `the database's tree at size ${issued.treeSize} has a different root than the checkpoint this app issued`,
    };
  }
  return { ok: true, treeSize, issuedTreeSize: issued.treeSize };
}

let lastOk = 0;

/** For patient-data routes and pages: 503 with an admin-facing explanation after a rollback. */
export async function assertNotRolledBack(pool?: LedgerPool): Promise<void> {
  if (Date.now() - lastOk < 2_000) return;
  const check = await checkRollback(pool);
  if (check.ok) {
    lastOk = Date.now();
    return;
  }
  throw new AppError(
    "unavailable",
    `Patient data is unavailable: the database looks restored from an older backup (${check.reason}). ` +
      `Erased patients' keys may have come back. An administrator must restore the latest database, or ` +
      `re-apply the missing history, then compare with ${checkpointStateFile()} before serving again.`,
  );
}
