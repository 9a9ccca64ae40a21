import "server-only";
import type pg from "pg";
import { getLeafKind } from "../kinds";
import { withTransaction, type TTransactionOptions } from "@/lib/db/with-transaction";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { getLogKeys, type LogKeys } from "../log-keys";
import { bytesEqual } from "../tlog/encoding";
import { HASH_SIZE } from "../tlog/merkle";
import { TileAccumulator, type TileData } from "../tlog/tile-accumulator";
import { TILE_WIDTH } from "../tlog/tile-math";
import type { TLedgerBlock } from "../read-ledger-state";
import { batchesAhead, blockStream } from "./batch-stream";
import { BlockWalk } from "./block-checks";
import { decideLeaf } from "./decide-leaf";
import {
  hashAt,
  kindAt,
  ROW_MISSING,
  rowIdAt,
  STORED_MALFORMED,
  UNKNOWN_KIND,
  type TRehashedBatch,
} from "./rehash-batch";
import { localRehashSource, type RehashSource } from "./rehash-sources";
import { checkRefusedEntries, checkRollback, checkTilesBeyond, checkUnanchoredRows, compareTile } from "./table-checks";
import { FindingLog, type TFinding } from "./verification-findings";

export type { TFinding } from "./verification-findings";

export type TVerifyOptions = {
  pool?: LedgerPool;
  keys?: LogKeys;
  batchSize?: number;
  /**
   * Starts worker threads that read source rows and recompute leaf hashes, inside the given
   * snapshot, while this thread rebuilds the tree (rehashInWorkers in rehash-workers.ts). The
   * CLI uses them; without, as in the web app, everything runs on this thread.
   */
  startWorkers?: (snapshot: string) => Promise<RehashSource>;
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

const ZERO_HASH = new Uint8Array(HASH_SIZE);
/** One snapshot for the whole run, on every connection that reads it. */
const SNAPSHOT_READ: TTransactionOptions = { isolation: "REPEATABLE READ", readOnly: true };

/**
 * Full verification (DESIGN.md §3): streams LedgerEntry in index order, recomputes every leaf
 * from its source row, rebuilds the tree and its tiles in O(log n) memory, and checks every
 * block's link, hash, root and signed checkpoint. Each leaf has three witnesses — the source
 * row, LedgerEntry.leafHash and the level-0 tile; the two that agree are used for the tree and
 * the odd one out is reported (decide-leaf.ts), so one tampered row yields one finding at its
 * exact index instead of a cascade of root mismatches. Runs in one REPEATABLE READ snapshot.
 */
export async function verifyLedger(options: TVerifyOptions = {}): Promise<TVerifyResult> {
  const pool = options.pool ?? getLedgerPool();
  const keys = options.keys ?? getLogKeys();
  const batchSize = options.batchSize ?? 20_000;
  const log = new FindingLog(options.maxFindings ?? 1_000);
  const started = performance.now();
  const ctx = await withTransaction(
    pool,
    async (client) => {
      // Entries and source rows are read on other connections (a second one, or one per worker
      // thread) while this one checks blocks and tiles; all read the snapshot exported here, so
      // they see one consistent ledger.
      const { rows } = await client.query("SELECT pg_export_snapshot() AS s");
      const snapshot = String(rows[0].s);
      const check = async (source: RehashSource) => {
        const found = await checkEntriesAndBlocks({
          client,
          source,
          keys,
          batchSize,
          log,
          onProgress: options.onProgress,
        });
        await checkUnanchoredRows(client, log, found.anchoredRows);
        await checkRefusedEntries(client, log);
        await checkRollback(client, log, found.treeSize);
        return found;
      };
      if (!options.startWorkers)
        return withTransaction(pool, (reader) => check(localRehashSource(reader)), { ...SNAPSHOT_READ, snapshot });
      const source = await options.startWorkers(snapshot);
      try {
        return await check(source);
      } finally {
        await source.close().catch(() => {});
      }
    },
    SNAPSHOT_READ,
  );
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
}

async function checkEntriesAndBlocks(input: {
  client: pg.PoolClient;
  source: RehashSource;
  keys: LogKeys;
  batchSize: number;
  log: FindingLog;
  onProgress?: (done: number, total: number) => void;
}) {
  const { client, source, keys, batchSize, log } = input;
  const latest = await client.query(`SELECT "treeSize" FROM "LedgerBlock" ORDER BY height DESC LIMIT 1`);
  const treeSize = latest.rows.length ? Number(latest.rows[0].treeSize) : 0;
  const tree = new TileAccumulator(undefined, { keepChanges: false });
  const root = () => tree.root();
  const blocks = await BlockWalk.start(blockStream(client), keys, log);
  let entries = 0;

  // Tiles above level 0 are compared as they fill; level-0 hashes are compared leaf by leaf.
  const upperTiles: TileData[] = [];
  tree.onTileComplete = (t) => {
    if (t.level > 0) upperTiles.push(t);
  };

  /** Per kind, entries whose source row was found: checkUnanchoredRows compares them with the tables. */
  const anchoredRows = new Map<string, number>();
  let next = 0;
  // Batches are planned here and read up to four ahead by the source (worker threads in turn, or
  // a reader connection), so PostgreSQL and the workers run while this thread builds the tree.
  const ahead = batchesAhead(client, source, batchSize);
  for (;;) {
    const b = await ahead.next();
    if (b === null) break;
    const tiles = new Map(b.tiles.map((t) => [t.index, t.hashes]));
    const tileHash = (i: number) => {
      const t = tiles.get(Math.floor(i / TILE_WIDTH));
      const off = (i % TILE_WIDTH) * HASH_SIZE;
      return t && t.length >= off + HASH_SIZE ? t.subarray(off, off + HASH_SIZE) : null;
    };
    for (let i = 0; i < b.count; i++) {
      const index = b.index[i];
      // The common case, a whole level-0 tile on which row, entry and tile all agree, inside one
      // block: appended as a tile (the same tree) after three 8 KB comparisons, not leaf by leaf.
      const tile = index === next && index % TILE_WIDTH === 0 ? tiles.get(index / TILE_WIDTH) : undefined;
      const block = blocks.next;
      if (tile && block && wholeTileAgrees(b, i, tile, block)) {
        tree.appendTile(tile);
        i += TILE_WIDTH - 1;
        next = index + TILE_WIDTH;
        entries += TILE_WIDTH;
        if (block.treeSize <= tree.size) await blocks.settle(tree.size, root);
        continue;
      }
      for (; next < index; next++) {
        log.add({
          index: next,
          table: "LedgerEntry",
          rowId: null,
          blockHeight: null,
          code: "entry_gap",
          problem: "ledger entry is missing (index gap)",
        });
        tree.append(tileHash(next) ?? ZERO_HASH);
        if (blocks.next && blocks.next.treeSize <= tree.size) await blocks.settle(tree.size, root);
      }
      tree.append(chooseLeaf(b, i, tileHash(index), log));
      checkEntryBlock(b, i, blocks.next, log);
      next = index + 1;
      entries++;
      if (blocks.next && blocks.next.treeSize <= tree.size) await blocks.settle(tree.size, root);
    }
    countAnchoredRows(b, anchoredRows);
    for (const t of upperTiles.splice(0)) await compareTile(client, t, log);
    input.onProgress?.(Math.min(next, treeSize), treeSize);
  }
  await blocks.finish(tree.size);
  for (let level = 0; TILE_WIDTH ** level <= tree.size; level++) {
    const t = tree.partialTile(level);
    if (t) await compareTile(client, t, log);
  }
  await checkTilesBeyond(client, tree.size, log);
  return { treeSize, entries, blocks: blocks.checked, anchoredRows };
}

/** Entry i of the batch lies in `block`, the first block not yet reached; says so if it claims another. */
function checkEntryBlock(b: TRehashedBatch, i: number, block: TLedgerBlock | null, log: FindingLog) {
  if (block && b.blockHeight[i] === block.height) return;
  const at = { index: b.index[i], table: "LedgerEntry", rowId: rowIdAt(b, i) };
  if (!block)
    log.add({ ...at, blockHeight: null, code: "entry_unsealed", problem: "entry is not covered by any sealed block" });
  else
    log.add({
      ...at,
      blockHeight: b.blockHeight[i],
      code: "entry_block",
      problem: `entry claims block ${b.blockHeight[i]} but falls in block ${block.height}`,
    });
}

function countAnchoredRows(b: TRehashedBatch, out: Map<string, number>) {
  const perCode = new Float64Array(b.kinds.length);
  for (let i = 0; i < b.count; i++) if ((b.flags[i] & (UNKNOWN_KIND | ROW_MISSING)) === 0) perCode[b.kindCode[i]]++;
  b.kinds.forEach((kind, code) => perCode[code] && out.set(kind, (out.get(kind) ?? 0) + perCode[code]));
}

/** The leaf hash to build the tree from (decideLeaf), reporting its findings at entry i of the batch. */
function chooseLeaf(b: TRehashedBatch, i: number, tile: Uint8Array | null, log: FindingLog): Uint8Array {
  const flags = b.flags[i];
  const stored = flags & STORED_MALFORMED ? null : hashAt(b.stored, i);
  if (flags === 0 && tile !== null && equalAt(b.recomputed, b.stored, i) && bytesEqual(tile, stored!)) return stored!; // all three agree
  const row = flags & UNKNOWN_KIND ? "unknown_kind" : flags & ROW_MISSING ? "missing" : "found";
  const kind = kindAt(b, i);
  const decision = decideLeaf({
    row,
    kind,
    recomputed: row === "found" ? hashAt(b.recomputed, i) : null,
    stored,
    tile,
  });
  for (const f of decision.findings) {
    const table = f.at === "entry" ? "LedgerEntry" : f.at === "tile" ? "LedgerTile" : getLeafKind(kind).table;
    log.add({
      index: b.index[i],
      table,
      rowId: rowIdAt(b, i),
      blockHeight: b.blockHeight[i],
      code: f.code,
      problem: f.problem,
    });
  }
  return decision.hash ?? ZERO_HASH;
}

/**
 * Whether entries i … i + 255 of the batch are the 256 leaves of `tile` (consecutive indices,
 * every source row found and of a known kind, stored hashes well-formed), all three witnesses
 * agree on every leaf, and they all lie in `block`: what chooseLeaf and the block checks would
 * accept leaf by leaf without a finding.
 */
function wholeTileAgrees(b: TRehashedBatch, i: number, tile: Uint8Array, block: TLedgerBlock): boolean {
  const end = i + TILE_WIDTH;
  if (end > b.count || tile.length !== TILE_WIDTH * HASH_SIZE) return false;
  if (b.index[end - 1] !== b.index[i] + TILE_WIDTH - 1 || block.treeSize < b.index[i] + TILE_WIDTH) return false;
  for (let k = i; k < end; k++) if (b.flags[k] !== 0 || b.blockHeight[k] !== block.height) return false;
  const bytes = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset + i * HASH_SIZE, TILE_WIDTH * HASH_SIZE);
  const stored = bytes(b.stored);
  return stored.equals(bytes(b.recomputed)) && stored.equals(tile);
}

/** Whether hash i of `a` equals hash i of `b` (both count × 32 bytes), without views. */
function equalAt(a: Uint8Array, b: Uint8Array, i: number): boolean {
  let diff = 0;
  for (let k = i * HASH_SIZE, end = k + HASH_SIZE; k < end; k++) diff |= a[k] ^ b[k];
  return diff === 0;
}
