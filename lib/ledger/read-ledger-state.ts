import "server-only";
import type pg from "pg";
import type { TileData } from "./tlog/tile-accumulator";

/** A row of the chained-block table, with numbers instead of int8 strings. */
export interface TLedgerBlock {
  readonly height: number;
  readonly prevHash: Uint8Array;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly sealedAt: Date;
  readonly blockHash: Uint8Array;
  readonly checkpoint: string;
}

export type TQueryable = Pick<pg.ClientBase, "query">;

export const BLOCK_COLUMNS = `height, "prevHash", "treeSize", "rootHash", "sealedAt", "blockHash", checkpoint`;

const bytes = (b: Buffer) => new Uint8Array(b);

export function blockFromRow(row: Record<string, unknown>): TLedgerBlock {
  return {
    height: Number(row.height),
    prevHash: bytes(row.prevHash as Buffer),
    treeSize: Number(row.treeSize),
    rootHash: bytes(row.rootHash as Buffer),
    sealedAt: row.sealedAt as Date,
    blockHash: bytes(row.blockHash as Buffer),
    checkpoint: row.checkpoint as string,
  };
}

export async function readLatestBlock(db: TQueryable): Promise<TLedgerBlock | null> {
  const { rows } = await db.query(`SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" ORDER BY height DESC LIMIT 1`);
  return rows.length ? blockFromRow(rows[0]) : null;
}

/** The stored tiles among `refs` (any width), in one query; missing tiles are simply absent. */
export async function readTiles(
  db: TQueryable,
  refs: readonly { level: number; index: number }[],
): Promise<Map<string, TileData>> {
  const out = new Map<string, TileData>();
  if (refs.length === 0) return out;
  const { rows } = await db.query(
    `SELECT level, "index", width, hashes FROM "LedgerTile"
      WHERE (level, "index") IN (SELECT * FROM unnest($1::int[], $2::bigint[]))`,
    [refs.map((r) => r.level), refs.map((r) => r.index)],
  );
  for (const r of rows) {
    const tile = {
      level: r.level as number,
      index: Number(r.index),
      width: r.width as number,
      hashes: bytes(r.hashes),
    };
    out.set(`${tile.level}/${tile.index}`, tile);
  }
  return out;
}
