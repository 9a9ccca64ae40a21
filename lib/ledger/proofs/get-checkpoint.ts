import "server-only";
import { AppError } from "@/lib/errors";
import { dbHashReader } from "./db-hash-reader";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { emptyRoot } from "../tlog/merkle";
import { treeRoot } from "../tlog/proof";
import { BLOCK_COLUMNS, blockFromRow, readLatestBlock, type TQueryable } from "../read-ledger-state";

export type TTreeHead = {
  treeSize: number;
  rootHash: Uint8Array;
  /** The C2SP signed note for this size, or null when no block ended exactly here. */
  checkpoint: string | null;
  blockHeight: number | null;
};

/** Current tree size (0 before the first seal). */
export async function latestTreeSize(db: TQueryable): Promise<number> {
  return (await readLatestBlock(db))?.treeSize ?? 0;
}

/**
 * The root at `treeSize`: a block's signed checkpoint when a block ends at that size, otherwise
 * the root recomputed from tiles (O(log n) rows), which nobody signed: callers must say so.
 */
export async function treeHeadAt(db: TQueryable, treeSize: number): Promise<TTreeHead> {
  const { rows } = await db.query(`SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" WHERE "treeSize" = $1`, [treeSize]);
  if (rows.length) {
    const b = blockFromRow(rows[0]);
    return { treeSize, rootHash: b.rootHash, checkpoint: b.checkpoint, blockHeight: b.height };
  }
  const rootHash = treeSize === 0 ? emptyRoot() : await treeRoot(dbHashReader(db), treeSize);
  return { treeSize, rootHash, checkpoint: null, blockHeight: null };
}

export function assertSizeWithin(treeSize: number, latest: number, what = "treeSize"): void {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0)
    throw new AppError("bad_request", `${what} must be a non-negative integer`);
  if (treeSize > latest)
    throw new AppError("not_found", `${what} ${treeSize} is beyond the current tree size ${latest}`);
}

/** The latest signed checkpoint, or the tree head at a given size (signed only at block boundaries). */
export async function getCheckpoint(input: { pool?: LedgerPool; treeSize?: number } = {}): Promise<TTreeHead> {
  const pool = input.pool ?? getLedgerPool();
  const latest = await readLatestBlock(pool);
  if (input.treeSize === undefined) {
    if (!latest) throw new AppError("not_found", "the ledger is empty: nothing has been sealed yet");
    return {
      treeSize: latest.treeSize,
      rootHash: latest.rootHash,
      checkpoint: latest.checkpoint,
      blockHeight: latest.height,
    };
  }
  assertSizeWithin(input.treeSize, latest?.treeSize ?? 0);
  return treeHeadAt(pool, input.treeSize);
}
