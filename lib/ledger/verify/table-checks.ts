import "server-only";
import type pg from "pg";
import { LEAF_KINDS } from "../kinds";
import { readTiles } from "../read-ledger-state";
import { bytesEqual } from "../tlog/encoding";
import { HASH_SIZE } from "../tlog/merkle";
import type { TileData } from "../tlog/tile-accumulator";
import { TILE_WIDTH } from "../tlog/tile-math";
import type { TFindingCode } from "./finding-codes";
import type { FindingLog } from "./verification-findings";

// Checks of whole tables that full verification runs beside its walk over the entries.

const q = (ident: string) => `"${ident.replaceAll('"', '""')}"`;

/** Compares a tile the verifier rebuilt with the stored one (width; hashes above level 0). */
export async function compareTile(client: pg.PoolClient, t: TileData, log: FindingLog): Promise<void> {
  const stored = (await readTiles(client, [t])).get(`${t.level}/${t.index}`);
  const span = TILE_WIDTH ** t.level;
  const first = t.index * TILE_WIDTH * span;
  const where = `tile ${t.level}/${t.index} (leaves ${first}–${first + t.width * span - 1})`;
  const add = (code: TFindingCode, problem: string) =>
    log.add({ index: null, table: "LedgerTile", rowId: null, blockHeight: null, code, problem });
  if (!stored) return add("tile_missing", `${where} is missing`);
  if (stored.width !== t.width) return add("tile_width", `${where} has width ${stored.width}, expected ${t.width}`);
  if (t.level === 0) return; // its hashes were already compared leaf by leaf
  for (let i = 0; i < t.width; i++) {
    const a = t.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
    if (!bytesEqual(a, stored.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) {
      const leaf = first + i * span;
      return add(
        "tile_mismatch",
        `${where}: hash ${i} (leaves ${leaf}–${leaf + span - 1}) differs from the one recomputed from entries`,
      );
    }
  }
}

/** Tiles that describe leaves the ledger does not have: left behind by a truncated tail. */
export async function checkTilesBeyond(client: pg.PoolClient, size: number, log: FindingLog): Promise<void> {
  const { rows } = await client.query(
    `SELECT level, "index", width FROM "LedgerTile"
      WHERE "index" * 256 + width > div($1::numeric, power(256::numeric, level)) ORDER BY level, "index" LIMIT 100`,
    [size],
  );
  for (const r of rows) {
    log.add({
      index: null,
      table: "LedgerTile",
      rowId: null,
      blockHeight: null,
      code: "tile_beyond_tree",
      problem: `tile ${r.level}/${r.index} (width ${r.width}) extends beyond the tree size ${size}`,
    });
  }
}

/**
 * Rows of anchored tables with no ledger entry and not queued: inserted behind the ledger's back,
 * or their entry was removed. When every entry checked out, each names a distinct row (the
 * signed tree holds no leaf twice: the sequencer refuses a row enqueued twice), so a table
 * holding exactly its anchored rows plus its queued-only rows has none; only a table whose
 * count differs, or a ledger with findings already, is searched row by row (a join over the
 * whole table and the whole ledger, the costliest query of a run).
 */
export async function checkUnanchoredRows(
  client: pg.PoolClient,
  log: FindingLog,
  anchoredRows: ReadonlyMap<string, number>,
): Promise<void> {
  const clean = log.count === 0;
  for (const k of Object.values(LEAF_KINDS)) {
    if (clean && (await countUnanchoredRows(client, k.kind, k.table, anchoredRows.get(k.kind) ?? 0)) === 0) continue;
    // NOT IN over the queue is a hashed subplan whatever the queue's statistics say; a nested
    // loop over a queue the planner believes empty would compare every row with every queued one.
    // NULLs are left out of it: one NULL would make NOT IN true for no row, hiding them all.
    const { rows } = await client.query(
      `SELECT t.id::text AS id FROM ${q(k.table)} t
        WHERE NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e.kind = $1 AND e."rowId" = t.id)
          AND t.id NOT IN (SELECT x."rowId" FROM "LedgerQueue" x WHERE x.kind = $1 AND x."rowId" IS NOT NULL)
        LIMIT $2`,
      [k.kind, log.room + 1],
    );
    for (const r of rows)
      log.add({
        index: null,
        table: k.table,
        rowId: r.id,
        blockHeight: null,
        code: "unanchored_row",
        problem: "row is not in the ledger and not queued",
      });
  }
}

/** Rows of `table` minus its anchored rows minus its rows that are only queued (not sealed yet). */
async function countUnanchoredRows(
  client: pg.PoolClient,
  kind: string,
  table: string,
  anchored: number,
): Promise<number> {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM ${q(table)})::bigint AS total,
            (SELECT count(DISTINCT x."rowId") FROM "LedgerQueue" x
              WHERE x.kind = $1
                AND EXISTS (SELECT 1 FROM ${q(table)} t WHERE t.id = x."rowId")
                AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."rowId" = x."rowId" AND e.kind = $1))::bigint AS queued`,
    [kind],
  );
  return Number(rows[0].total) - anchored - Number(rows[0].queued);
}

/**
 * Queue entries the sequencer refused (lib/ledger/seal/check-queued-entries.ts). Each stays a
 * finding for as long as it is kept: someone wrote to the ledger's queue without the writer key.
 */
export async function checkRefusedEntries(client: pg.PoolClient, log: FindingLog): Promise<void> {
  const { rows } = await client.query(
    `SELECT "queueId"::text AS "queueId", kind, "rowId"::text AS "rowId", reason, "refusedAt"
       FROM "LedgerRefusedEntry" ORDER BY id LIMIT $1`,
    [log.room + 1],
  );
  for (const r of rows)
    log.add({
      index: null,
      table: "LedgerRefusedEntry",
      rowId: r.rowId,
      blockHeight: null,
      code: "refused_entry",
      problem: `queue entry ${r.queueId} (${String(r.kind).slice(0, 40)}) was refused at ${(r.refusedAt as Date).toISOString()}: ${r.reason}`,
    });
}

/** An earlier verification run (itself anchored) saw a bigger tree: history was rolled back. */
export async function checkRollback(client: pg.PoolClient, log: FindingLog, treeSize: number): Promise<void> {
  const { rows } = await client.query(
    `SELECT id::text AS id, "treeSize" FROM "VerificationRun" WHERE "treeSize" > $1 ORDER BY "treeSize" DESC LIMIT 1`,
    [treeSize],
  );
  if (rows.length) {
    log.add({
      index: null,
      table: "VerificationRun",
      rowId: rows[0].id,
      blockHeight: null,
      code: "rollback",
      problem: `an earlier verification saw tree size ${rows[0].treeSize}, larger than the current ${treeSize} (rolled back or truncated)`,
    });
  }
}
