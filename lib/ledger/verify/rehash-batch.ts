import "server-only";
import pg from "pg";
import { getLeafKind, isLeafKindName, leafTextFor, type LeafKind } from "../kinds";
import { writeLeafHashOfText } from "../leaf-hash-node";
import { leafSourceTypes } from "../ledger-pool";
import { HASH_SIZE } from "../tlog/merkle";
import { TILE_WIDTH } from "../tlog/tile-math";

/** Per-entry flags of a rehashed batch. */
export const UNKNOWN_KIND = 1;
/** The entry's source row is not in its table (deleted, or the entry's rowId was changed). */
export const ROW_MISSING = 2;
/** LedgerEntry.leafHash is not 32 bytes. */
export const STORED_MALFORMED = 4;

/**
 * The ledger entries with index in [from, to], each with its leaf hash recomputed from its
 * source row, and the level-0 tiles over the same range. Columnar (typed arrays), so a worker
 * thread can hand a batch of twenty thousand entries to the verifier by moving six buffers.
 */
export type TRehashedBatch = {
  count: number;
  index: Float64Array;
  blockHeight: Float64Array;
  /** Per entry, its position in `kinds`: the batch's distinct kind names. */
  kindCode: Uint32Array;
  kinds: string[];
  /** Row ids (uuid text, 36 characters each) end to end: one string to pass, not one per entry. */
  rowIds: string;
  flags: Uint8Array;
  /** count × 32 bytes: LedgerEntry.leafHash (zeros where STORED_MALFORMED). */
  stored: Uint8Array;
  /** count × 32 bytes: RFC 9162 leaf hash of the source row (zeros where UNKNOWN_KIND or ROW_MISSING). */
  recomputed: Uint8Array;
  /** Level-0 tiles from the one holding `from` to the one holding the last entry. */
  tiles: { index: number; hashes: Uint8Array }[];
};

/** Buffers of a batch that postMessage can move instead of copying. */
export function transferablesOf(b: TRehashedBatch): ArrayBuffer[] {
  return [
    b.index.buffer,
    b.blockHeight.buffer,
    b.kindCode.buffer,
    b.flags.buffer,
    b.stored.buffer,
    b.recomputed.buffer,
  ] as ArrayBuffer[];
}

const UUID_TEXT_LENGTH = 36;

export function rowIdAt(b: TRehashedBatch, i: number): string {
  return b.rowIds.slice(i * UUID_TEXT_LENGTH, (i + 1) * UUID_TEXT_LENGTH);
}

export function kindAt(b: TRehashedBatch, i: number): string {
  return b.kinds[b.kindCode[i]];
}

export function hashAt(hashes: Uint8Array, i: number): Uint8Array {
  return hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
}

/** Reads entries with index in [from, to] (to = null: to the end) and recomputes their leaves. */
export async function readRehashedBatch(
  client: pg.ClientBase,
  from: number,
  to: number | null,
): Promise<TRehashedBatch> {
  const entries = await readEntryColumns(client, from, to);
  const { count } = entries;
  const batch: TRehashedBatch = {
    count,
    index: new Float64Array(count),
    blockHeight: new Float64Array(count),
    kindCode: new Uint32Array(count),
    kinds: entries.kinds,
    rowIds: entries.rowIds,
    flags: new Uint8Array(count),
    stored: new Uint8Array(count * HASH_SIZE),
    recomputed: new Uint8Array(count * HASH_SIZE),
    tiles: [],
  };
  if (count === 0) return batch;
  const indexes = int64Reader(entries.indexes);
  const heights = int64Reader(entries.heights);
  const codes = int32Reader(entries.kindCodes);
  for (let i = 0; i < count; i++) {
    batch.index[i] = indexes(i);
    batch.blockHeight[i] = heights(i);
    batch.kindCode[i] = codes(i);
  }
  batch.stored.set(entries.hashes);
  for (const index of entries.malformed) batch.flags[batch.index.indexOf(index)] |= STORED_MALFORMED;
  const last = batch.index[count - 1];
  for (let code = 0; code < batch.kinds.length; code++) {
    const name = batch.kinds[code];
    if (!isLeafKindName(name)) {
      for (let i = 0; i < count; i++) if (batch.kindCode[i] === code) batch.flags[i] |= UNKNOWN_KIND;
      continue;
    }
    const kind = getLeafKind(name);
    const positions: number[] = [];
    for (let i = 0; i < count; i++) if (batch.kindCode[i] === code) positions.push(i);
    // The n-th row belongs to the n-th entry of this kind; it is hashed as it arrives.
    const rows = await readSourceRows(client, kind, from, last, (row, n) => {
      const i = positions[n];
      if (i === undefined) return;
      if (row.id == null) batch.flags[i] |= ROW_MISSING;
      else writeLeafHashOfText(leafTextFor(kind, row), batch.recomputed, i * HASH_SIZE);
    });
    if (rows !== positions.length)
      throw new Error(`verification read ${rows} ${name} rows for ${positions.length} entries`);
  }
  batch.tiles = await readLevel0(client, from, last);
  return batch;
}

/**
 * The entries as columns: one row whose values are every entry's field end to end, in index
 * order, instead of a row per entry (parsing twenty thousand rows costs more than hashing them).
 * Kinds come as codes into the batch's distinct kind names. A stored leaf hash that is not
 * 32 bytes is sent as 32 zero bytes, and its index is listed in `malformed`. NULLs, possible
 * once a superuser drops a NOT NULL constraint, become values that fail their checks (kind "",
 * the nil uuid, block -1), so they are reported at their entry instead of breaking the columns.
 */
async function readEntryColumns(client: pg.ClientBase, from: number, to: number | null) {
  const range = to === null ? `"index" >= $1` : `"index" BETWEEN $1 AND $2`;
  // The aggregates follow the primary-key scan's order: PostgreSQL 16 and later sort nothing.
  const { rows } = await client.query(
    `WITH k AS (SELECT coalesce(array_agg(kind), '{}') AS names FROM (SELECT DISTINCT coalesce(kind, '') AS kind FROM "LedgerEntry" WHERE ${range}) d)
     SELECT count(*)::int AS count, (SELECT names FROM k) AS kinds,
            string_agg(int8send("index"), ''::bytea ORDER BY "index") AS indexes,
            string_agg(int8send(coalesce("blockHeight", -1)), ''::bytea ORDER BY "index") AS heights,
            string_agg(int4send(array_position((SELECT names FROM k), coalesce(kind, '')) - 1), ''::bytea ORDER BY "index") AS kind_codes,
            string_agg(coalesce("rowId", '${NIL_UUID}')::text, '' ORDER BY "index") AS row_ids,
            string_agg(CASE WHEN octet_length("leafHash") = 32 THEN "leafHash" ELSE '\\x${"00".repeat(HASH_SIZE)}'::bytea END, ''::bytea ORDER BY "index") AS hashes,
            coalesce(array_agg("index") FILTER (WHERE octet_length("leafHash") IS DISTINCT FROM 32), '{}') AS malformed
       FROM "LedgerEntry" WHERE ${range}`,
    to === null ? [from] : [from, to],
  );
  const r = rows[0] as {
    count: number;
    kinds: string[];
    indexes: Buffer;
    heights: Buffer;
    kind_codes: Buffer;
    row_ids: string;
    hashes: Buffer;
    malformed: string[];
  };
  if (r.count === 0)
    return {
      count: 0,
      kinds: [],
      indexes: EMPTY,
      heights: EMPTY,
      kindCodes: EMPTY,
      rowIds: "",
      hashes: EMPTY,
      malformed: [],
    };
  const { count } = r;
  if (
    r.indexes.length !== count * 8 ||
    r.heights.length !== count * 8 ||
    r.kind_codes.length !== count * 4 ||
    r.row_ids.length !== count * UUID_TEXT_LENGTH ||
    r.hashes.length !== count * HASH_SIZE
  ) {
    throw new Error("verification read entry columns of unexpected lengths");
  }
  return {
    count,
    kinds: r.kinds,
    indexes: r.indexes,
    heights: r.heights,
    kindCodes: r.kind_codes,
    rowIds: r.row_ids,
    hashes: r.hashes,
    malformed: r.malformed.map(Number),
  };
}

const EMPTY = Buffer.alloc(0);
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/** Big-endian int8 values (as PostgreSQL's int8send writes them) read as numbers, without a BigInt each. */
function int64Reader(buf: Buffer) {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return (i: number) => view.getInt32(i * 8) * 2 ** 32 + view.getUint32(i * 8 + 4);
}

function int32Reader(buf: Buffer) {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return (i: number) => view.getInt32(i * 4);
}

/**
 * Streams one source row per entry of `kind` in [from, to] to `onRow`, in index order, with its
 * position among those entries, and returns how many came: the join runs entry by entry
 * (LATERAL … LIMIT 1, one primary-key probe each), and an entry whose row is gone gets a row
 * of nulls, so rows and entries pair up by position without sending ids back and forth.
 */
async function readSourceRows(
  client: pg.ClientBase,
  kind: LeafKind,
  from: number,
  to: number,
  onRow: (row: Record<string, unknown>, n: number) => void,
): Promise<number> {
  const columns = kind.fields.map(quote);
  // A row listener and no callback: node-postgres then hands each row over and keeps none, so
  // a batch's rows die young instead of surviving garbage collections until the batch ends.
  const query = new pg.Query({
    text: `SELECT ${columns.map((c) => `s.${c}`).join(", ")} FROM "LedgerEntry" e
             LEFT JOIN LATERAL (SELECT ${columns.join(", ")} FROM ${quote(kind.table)} t WHERE t.id = e."rowId" LIMIT 1) s ON true
            WHERE e.kind = $1 AND e."index" BETWEEN $2 AND $3 ORDER BY e."index"`,
    values: [kind.kind, from, to],
    types: leafSourceTypes,
  });
  let n = 0;
  return new Promise<number>((resolve, reject) => {
    query.on("row", (row: Record<string, unknown>) => {
      try {
        onRow(row, n++);
      } catch (err) {
        reject(err);
      }
    });
    query.on("error", reject);
    query.on("end", () => resolve(n));
    client.query(query);
  });
}

async function readLevel0(client: pg.ClientBase, from: number, to: number) {
  const { rows } = await client.query(
    `SELECT "index", hashes FROM "LedgerTile" WHERE level = 0 AND "index" BETWEEN $1 AND $2`,
    [Math.floor(from / TILE_WIDTH), Math.floor(to / TILE_WIDTH)],
  );
  return rows.map((r) => ({ index: Number(r.index), hashes: new Uint8Array(r.hashes as Buffer) }));
}

function quote(ident: string) {
  return `"${ident.replaceAll('"', '""')}"`;
}
