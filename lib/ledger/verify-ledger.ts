import "server-only";
import type pg from "pg";
import { GENESIS_PREV_HASH, computeBlockHash } from "./block-hash";
import { openCheckpoint } from "./checkpoint";
import { bytesEqual } from "./encoding";
import { getLeafKind, isLeafKindName, leafTextFor, LEAF_KINDS } from "./kinds";
import { leafHashOfText } from "./leaf-hash-node";
import { getLedgerPool, leafSourceTypes, type LedgerPool } from "./ledger-pool";
import { getLogKeys, type LogKeys } from "./log-keys";
import { HASH_SIZE } from "./merkle";
import { BLOCK_COLUMNS, blockFromRow, readTiles, type TLedgerBlock } from "./read-ledger-state";
import { TileAccumulator, type TileData } from "./tile-accumulator";
import { TILE_WIDTH } from "./tile-math";
import { FindingLog, type TFinding } from "./verification-findings";

export type { TFinding } from "./verification-findings";

export type TVerifyOptions = {
  pool?: LedgerPool;
  keys?: LogKeys;
  batchSize?: number;
  /** Findings kept in the result; findingCount always has the total. */
  maxFindings?: number;
  onProgress?: (done: number, total: number) => void;
};

export type TVerifyResult = {
  ok: boolean;
  /** Size of the latest block's signed tree. */
  treeSize: number;
  entriesVerified: number;
  blocksVerified: number;
  findings: TFinding[];
  findingCount: number;
  durationMs: number;
  rowsPerSecond: number;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const q = (ident: string) => `"${ident.replaceAll('"', '""')}"`;

type TEntry = { index: number; kind: string; rowId: string; leafHash: Uint8Array; blockHeight: number };

/**
 * Full verification (DESIGN.md §3): streams LedgerEntry in index order, recomputes every leaf
 * from its source row, rebuilds the tree and its tiles in O(log n) memory, and checks every
 * block's link, hash, root and signed checkpoint. Each leaf has three witnesses — the source
 * row, LedgerEntry.leafHash and the level-0 tile; the two that agree are used for the tree and
 * the odd one out is reported, so one tampered row yields one finding at its exact index
 * instead of a cascade of root mismatches. Runs in one REPEATABLE READ snapshot.
 */
export async function verifyLedger(options: TVerifyOptions = {}): Promise<TVerifyResult> {
  const pool = options.pool ?? getLedgerPool();
  const keys = options.keys ?? getLogKeys();
  const batchSize = options.batchSize ?? 10_000;
  const log = new FindingLog(options.maxFindings ?? 1_000);
  const started = performance.now();
  const client = await pool.connect();
  // A second connection streams entries, rows and tiles ahead while this one checks blocks
  // and tiles; both read the same exported snapshot, so they see one consistent ledger.
  const reader = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query("SELECT pg_export_snapshot() AS s");
    await reader.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await reader.query(`SET TRANSACTION SNAPSHOT '${String(rows[0].s).replace(/[^0-9A-F-]/gi, "")}'`);
    const ctx = await checkEntriesAndBlocks({ client, reader, keys, batchSize, log, onProgress: options.onProgress });
    await checkUnanchoredRows(client, log);
    await checkRollback(client, log, ctx.treeSize);
    await reader.query("COMMIT");
    await client.query("COMMIT");
    const durationMs = performance.now() - started;
    return {
      ok: log.count === 0,
      treeSize: ctx.treeSize,
      entriesVerified: ctx.entries,
      blocksVerified: ctx.blocks,
      findings: log.kept,
      findingCount: log.count,
      durationMs,
      rowsPerSecond: ctx.entries / Math.max(durationMs / 1000, 1e-3),
    };
  } catch (err) {
    await reader.query("ROLLBACK").catch(() => {});
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    reader.release();
    client.release();
  }
}

async function checkEntriesAndBlocks(input: {
  client: pg.PoolClient;
  reader: pg.PoolClient;
  keys: LogKeys;
  batchSize: number;
  log: FindingLog;
  onProgress?: (done: number, total: number) => void;
}) {
  const { client, reader, keys, batchSize, log } = input;
  const latest = await client.query(`SELECT "treeSize" FROM "LedgerBlock" ORDER BY height DESC LIMIT 1`);
  const treeSize = latest.rows.length ? Number(latest.rows[0].treeSize) : 0;
  const tree = new TileAccumulator();
  const blocks = blockStream(client);
  let block = await blocks.next();
  let prev: TLedgerBlock | null = null;
  let blocksChecked = 0;
  let entries = 0;

  // Tiles above level 0 are compared as they fill; level-0 hashes are compared leaf by leaf.
  const upperTiles: TileData[] = [];
  tree.onTileComplete = (t) => {
    if (t.level > 0) upperTiles.push(t);
  };

  const checkBlock = (b: TLedgerBlock) => {
    const at = (problem: string) => log.add({ index: null, table: "LedgerBlock", rowId: null, blockHeight: b.height, problem });
    const expectedHeight = prev ? prev.height + 1 : 0;
    if (b.height !== expectedHeight) at(`block height ${b.height} follows ${prev?.height ?? "nothing"} (expected ${expectedHeight})`);
    if (!bytesEqual(b.prevHash, prev?.blockHash ?? GENESIS_PREV_HASH)) at("prevHash does not link to the previous block's hash");
    if (!bytesEqual(computeBlockHash(b), b.blockHash)) at("block hash does not match the block's contents");
    if (!bytesEqual(tree.root(), b.rootHash)) at(`root hash differs from the root recomputed from entries at tree size ${b.treeSize}`);
    try {
      const cp = openCheckpoint(b.checkpoint, keys.verifier);
      if (cp.origin !== keys.origin) at(`checkpoint origin ${cp.origin} is not ${keys.origin}`);
      if (cp.treeSize !== b.treeSize) at(`checkpoint tree size ${cp.treeSize} differs from the block's ${b.treeSize}`);
      if (!bytesEqual(cp.rootHash, b.rootHash)) at("checkpoint root differs from the block's root");
    } catch (err) {
      at(`checkpoint signature does not verify with the log key: ${(err as Error).message}`);
    }
    prev = b;
    blocksChecked++;
  };

  // Called after every leaf: checks each block whose tree size has been reached.
  const settleBlocks = async () => {
    while (block && block.treeSize <= tree.size) {
      if (block.treeSize < tree.size) {
        log.add({ index: null, table: "LedgerBlock", rowId: null, blockHeight: block.height, problem: `block tree size ${block.treeSize} is out of order (already past it)` });
        prev = block;
      } else checkBlock(block);
      block = await blocks.next();
    }
  };

  let next = 0;
  // Prefetch: the next batch's queries run in PostgreSQL while this one is hashed in node.
  let pending = readBatch(reader, 0, batchSize);
  for (;;) {
    const { batch, rows, tiles } = await pending;
    if (batch.length === 0) break;
    pending = readBatch(reader, batch[batch.length - 1].index + 1, batchSize);
    const tileHash = (i: number) => {
      const t = tiles.get(Math.floor(i / TILE_WIDTH));
      const off = (i % TILE_WIDTH) * HASH_SIZE;
      return t && t.length >= off + HASH_SIZE ? t.subarray(off, off + HASH_SIZE) : null;
    };
    for (const e of batch) {
      for (; next < e.index; next++) {
        log.add({ index: next, table: "LedgerEntry", rowId: null, blockHeight: null, problem: "ledger entry is missing (index gap)" });
        tree.append(tileHash(next) ?? new Uint8Array(HASH_SIZE));
        if (block && block.treeSize <= tree.size) await settleBlocks();
      }
      tree.append(chooseLeaf(e, rows.get(`${e.kind}/${e.rowId}`), tileHash(e.index), log));
      if (!block) log.add({ index: e.index, table: "LedgerEntry", rowId: e.rowId, blockHeight: null, problem: "entry is not covered by any sealed block" });
      else if (e.blockHeight !== block.height) {
        log.add({ index: e.index, table: "LedgerEntry", rowId: e.rowId, blockHeight: e.blockHeight, problem: `entry claims block ${e.blockHeight} but falls in block ${block.height}` });
      }
      next = e.index + 1;
      entries++;
      if (block && block.treeSize <= tree.size) await settleBlocks();
    }
    for (const t of upperTiles.splice(0)) await compareTile(client, t, log);
    input.onProgress?.(Math.min(next, treeSize), treeSize);
  }
  for (; block; block = await blocks.next()) {
    log.add({ index: null, table: "LedgerBlock", rowId: null, blockHeight: block.height, problem: `block claims tree size ${block.treeSize} but the ledger holds ${tree.size} entries (tail truncated?)` });
  }
  for (let level = 0; TILE_WIDTH ** level <= tree.size; level++) {
    const t = tree.partialTile(level);
    if (t) await compareTile(client, t, log);
  }
  await checkTilesBeyond(client, tree.size, log);
  return { treeSize, entries, blocks: blocksChecked };
}

/** The leaf hash to build the tree from, by agreement of row, entry and tile; reports the odd one out. */
function chooseLeaf(e: TEntry, row: Record<string, unknown> | undefined, tile: Uint8Array | null, log: FindingLog): Uint8Array {
  const table = isLeafKindName(e.kind) ? getLeafKind(e.kind).table : null;
  const report = (problem: string, t: string | null = table) => log.add({ index: e.index, table: t, rowId: e.rowId, blockHeight: e.blockHeight, problem });
  const stored = e.leafHash;
  const recomputed = row && table ? leafHashOfText(leafTextFor(getLeafKind(e.kind), row)) : null;
  const tileOk = tile !== null && bytesEqual(tile, stored);
  if (!table) report(`unknown ledger kind ${JSON.stringify(e.kind)}`, "LedgerEntry");
  else if (!row) report("source row is missing (deleted, or the entry's rowId was changed)");
  if (recomputed) {
    const rowOk = bytesEqual(recomputed, stored);
    if (rowOk && tileOk) return stored;
    if (rowOk) {
      report(tile ? "level-0 tile holds a different hash for this leaf" : "level-0 tile is missing this leaf", "LedgerTile");
      return stored;
    }
    if (tile && bytesEqual(recomputed, tile)) {
      report("stored leaf hash in LedgerEntry was changed", "LedgerEntry");
      return recomputed;
    }
    if (tileOk) {
      report("row content does not match its anchored leaf hash (row modified, or entries reordered)");
      return stored;
    }
    report("row, stored leaf hash and tile all disagree");
    return tile ?? stored;
  }
  if (!tileOk) report(tile ? "stored leaf hash and level-0 tile disagree" : "level-0 tile is missing this leaf", "LedgerTile");
  return tile ?? stored;
}

function blockStream(client: pg.PoolClient) {
  let page: TLedgerBlock[] = [];
  let after = -1;
  let done = false;
  return {
    async next(): Promise<TLedgerBlock | null> {
      if (page.length === 0 && !done) {
        const { rows } = await client.query(`SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" WHERE height > $1 ORDER BY height LIMIT 1000`, [after]);
        page = rows.map(blockFromRow);
        done = page.length < 1000;
        if (page.length) after = page[page.length - 1].height;
      }
      return page.shift() ?? null;
    },
  };
}

/** One batch of entries with the source rows and level-0 tiles it needs (tiles from `from`, to cover index gaps). */
async function readBatch(client: pg.PoolClient, from: number, limit: number) {
  const batch = await readEntries(client, from, limit);
  if (batch.length === 0) return { batch, rows: new Map<string, Record<string, unknown>>(), tiles: new Map<number, Uint8Array>() };
  const rows = await readSourceRows(client, batch);
  const tiles = await readLevel0(client, from, batch[batch.length - 1].index);
  return { batch, rows, tiles };
}

async function readEntries(client: pg.PoolClient, from: number, limit: number): Promise<TEntry[]> {
  const { rows } = await client.query(
    `SELECT "index", kind, "rowId", "leafHash", "blockHeight" FROM "LedgerEntry" WHERE "index" >= $1 ORDER BY "index" LIMIT $2`,
    [from, limit],
  );
  return rows.map((r) => ({ index: Number(r.index), kind: r.kind, rowId: r.rowId, leafHash: r.leafHash, blockHeight: Number(r.blockHeight) }));
}

/** Source rows of one batch, one `= ANY` query per kind, keyed "kind/id". */
async function readSourceRows(client: pg.PoolClient, batch: readonly TEntry[]) {
  const byKind = new Map<string, string[]>();
  for (const e of batch) {
    if (!isLeafKindName(e.kind) || !UUID_RE.test(e.rowId)) continue;
    const ids = byKind.get(e.kind) ?? [];
    ids.push(e.rowId);
    byKind.set(e.kind, ids);
  }
  const out = new Map<string, Record<string, unknown>>();
  for (const [kind, ids] of byKind) {
    const k = getLeafKind(kind);
    const { rows } = await client.query({ text: `SELECT ${k.fields.map(q).join(", ")} FROM ${q(k.table)} WHERE id = ANY($1::uuid[])`, values: [ids], types: leafSourceTypes });
    for (const r of rows) out.set(`${kind}/${r.id}`, r);
  }
  return out;
}

async function readLevel0(client: pg.PoolClient, from: number, to: number): Promise<Map<number, Uint8Array>> {
  const { rows } = await client.query(`SELECT "index", hashes FROM "LedgerTile" WHERE level = 0 AND "index" BETWEEN $1 AND $2`, [
    Math.floor(from / TILE_WIDTH),
    Math.floor(to / TILE_WIDTH),
  ]);
  return new Map(rows.map((r) => [Number(r.index), r.hashes as Uint8Array]));
}

async function compareTile(client: pg.PoolClient, t: TileData, log: FindingLog): Promise<void> {
  const stored = (await readTiles(client, [t])).get(`${t.level}/${t.index}`);
  const span = TILE_WIDTH ** t.level;
  const first = t.index * TILE_WIDTH * span;
  const where = `tile ${t.level}/${t.index} (leaves ${first}–${first + t.width * span - 1})`;
  const add = (problem: string) => log.add({ index: null, table: "LedgerTile", rowId: null, blockHeight: null, problem });
  if (!stored) return add(`${where} is missing`);
  if (stored.width !== t.width) return add(`${where} has width ${stored.width}, expected ${t.width}`);
  if (t.level === 0) return; // its hashes were already compared leaf by leaf
  for (let i = 0; i < t.width; i++) {
    const a = t.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
    if (!bytesEqual(a, stored.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) {
      const leaf = first + i * span;
      return add(`${where}: hash ${i} (leaves ${leaf}–${leaf + span - 1}) differs from the one recomputed from entries`);
    }
  }
}

/** Tiles that describe leaves the ledger does not have: left behind by a truncated tail. */
async function checkTilesBeyond(client: pg.PoolClient, size: number, log: FindingLog) {
  const { rows } = await client.query(
    `SELECT level, "index", width FROM "LedgerTile"
      WHERE "index" * 256 + width > div($1::numeric, power(256::numeric, level)) ORDER BY level, "index" LIMIT 100`,
    [size],
  );
  for (const r of rows) {
    log.add({ index: null, table: "LedgerTile", rowId: null, blockHeight: null, problem: `tile ${r.level}/${r.index} (width ${r.width}) extends beyond the tree size ${size}` });
  }
}

/** Rows of anchored tables with no ledger entry and not queued: inserted behind the ledger's back, or their entry was removed. */
async function checkUnanchoredRows(client: pg.PoolClient, log: FindingLog) {
  for (const k of Object.values(LEAF_KINDS)) {
    const { rows } = await client.query(
      `SELECT t.id::text AS id FROM ${q(k.table)} t
        WHERE NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e.kind = $1 AND e."rowId" = t.id)
          AND NOT EXISTS (SELECT 1 FROM "LedgerQueue" x WHERE x.kind = $1 AND x."rowId" = t.id)
        LIMIT $2`,
      [k.kind, log.room + 1],
    );
    for (const r of rows) log.add({ index: null, table: k.table, rowId: r.id, blockHeight: null, problem: "row is not in the ledger and not queued" });
  }
}

/** An earlier verification run (itself anchored) saw a bigger tree: history was rolled back. */
async function checkRollback(client: pg.PoolClient, log: FindingLog, treeSize: number) {
  const { rows } = await client.query(`SELECT id::text AS id, "treeSize" FROM "VerificationRun" WHERE "treeSize" > $1 ORDER BY "treeSize" DESC LIMIT 1`, [treeSize]);
  if (rows.length) {
    log.add({ index: null, table: "VerificationRun", rowId: rows[0].id, blockHeight: null, problem: `an earlier verification saw tree size ${rows[0].treeSize}, larger than the current ${treeSize} (rolled back or truncated)` });
  }
}
