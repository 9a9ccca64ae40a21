import "server-only";
import type pg from "pg";
import { getLeafKind, isLeafKindName, leafTextFor } from "./kinds";
import { writeLeafHashOfText } from "./leaf-hash-node";
import { leafSourceTypes } from "./ledger-pool";
import { HASH_SIZE } from "./merkle";
import { TILE_WIDTH } from "./tile-math";

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
  kindCode: Uint16Array;
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
  return [b.index.buffer, b.blockHeight.buffer, b.kindCode.buffer, b.flags.buffer, b.stored.buffer, b.recomputed.buffer] as ArrayBuffer[];
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
export async function readRehashedBatch(client: pg.ClientBase, from: number, to: number | null): Promise<TRehashedBatch> {
  const columns = `"index", kind, "rowId", "leafHash", "blockHeight"`;
  const { rows: entries } = await (to === null
    ? client.query(`SELECT ${columns} FROM "LedgerEntry" WHERE "index" >= $1 ORDER BY "index"`, [from])
    : client.query(`SELECT ${columns} FROM "LedgerEntry" WHERE "index" BETWEEN $1 AND $2 ORDER BY "index"`, [from, to]));
  const count = entries.length;
  const batch: TRehashedBatch = {
    count,
    index: new Float64Array(count),
    blockHeight: new Float64Array(count),
    kindCode: new Uint16Array(count),
    kinds: [],
    rowIds: "",
    flags: new Uint8Array(count),
    stored: new Uint8Array(count * HASH_SIZE),
    recomputed: new Uint8Array(count * HASH_SIZE),
    tiles: [],
  };
  if (count === 0) return batch;
  const sources = await readSourceRows(client, entries);
  const kindCodes = new Map<string, number>();
  const rowIds: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const e = entries[i];
    batch.index[i] = Number(e.index);
    batch.blockHeight[i] = Number(e.blockHeight);
    let code = kindCodes.get(e.kind);
    if (code === undefined) {
      code = batch.kinds.push(e.kind) - 1;
      kindCodes.set(e.kind, code);
    }
    batch.kindCode[i] = code;
    rowIds[i] = e.rowId;
    let flags = 0;
    if (e.leafHash?.length === HASH_SIZE) batch.stored.set(e.leafHash, i * HASH_SIZE);
    else flags |= STORED_MALFORMED;
    const row = sources.get(e.kind)?.get(e.rowId);
    if (!isLeafKindName(e.kind)) flags |= UNKNOWN_KIND;
    else if (!row) flags |= ROW_MISSING;
    else writeLeafHashOfText(leafTextFor(getLeafKind(e.kind), row), batch.recomputed, i * HASH_SIZE);
    batch.flags[i] = flags;
  }
  batch.rowIds = rowIds.join("");
  batch.tiles = await readLevel0(client, from, batch.index[count - 1]);
  return batch;
}

type TEntryRow = { kind: string; rowId: string };

/** Source rows of a batch, one `= ANY` query per kind, by kind then id. */
async function readSourceRows(client: pg.ClientBase, entries: readonly TEntryRow[]) {
  const idsByKind = new Map<string, string[]>();
  for (const e of entries) {
    if (!isLeafKindName(e.kind)) continue;
    let ids = idsByKind.get(e.kind);
    if (!ids) idsByKind.set(e.kind, (ids = []));
    ids.push(e.rowId);
  }
  const out = new Map<string, Map<string, Record<string, unknown>>>();
  for (const [kind, ids] of idsByKind) {
    const k = getLeafKind(kind);
    const { rows } = await client.query({ text: `SELECT ${k.fields.map(quote).join(", ")} FROM ${quote(k.table)} WHERE id = ANY($1::uuid[])`, values: [ids], types: leafSourceTypes });
    out.set(kind, new Map(rows.map((r) => [r.id as string, r])));
  }
  return out;
}

async function readLevel0(client: pg.ClientBase, from: number, to: number) {
  const { rows } = await client.query(`SELECT "index", hashes FROM "LedgerTile" WHERE level = 0 AND "index" BETWEEN $1 AND $2`, [
    Math.floor(from / TILE_WIDTH),
    Math.floor(to / TILE_WIDTH),
  ]);
  return rows.map((r) => ({ index: Number(r.index), hashes: new Uint8Array(r.hashes as Buffer) }));
}

function quote(ident: string) {
  return `"${ident.replaceAll('"', '""')}"`;
}
