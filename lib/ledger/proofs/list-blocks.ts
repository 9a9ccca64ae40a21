import "server-only";
import { AppError } from "@/lib/errors";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { BLOCK_COLUMNS, blockFromRow, type TLedgerBlock } from "../read-ledger-state";

export type TBlockPage = { blocks: TLedgerBlock[]; nextBefore: number | null };

/** Blocks newest first, keyset-paged by height: pass nextBefore back as `before`. */
export async function listBlocks(
  input: { pool?: LedgerPool; limit?: number; before?: number } = {},
): Promise<TBlockPage> {
  const pool = input.pool ?? getLedgerPool();
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 500);
  const { rows } = await pool.query(
    `SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" WHERE ($1::bigint IS NULL OR height < $1) ORDER BY height DESC LIMIT $2`,
    [input.before ?? null, limit + 1],
  );
  const blocks = rows.slice(0, limit).map(blockFromRow);
  return { blocks, nextBefore: rows.length > limit ? blocks[blocks.length - 1].height : null };
}

export async function getBlock(input: { pool?: LedgerPool; height: number }): Promise<TLedgerBlock> {
  const pool = input.pool ?? getLedgerPool();
  const { rows } = await pool.query(`SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" WHERE height = $1`, [input.height]);
  if (rows.length === 0) throw new AppError("not_found", `block ${input.height} does not exist`);
  return blockFromRow(rows[0]);
}
