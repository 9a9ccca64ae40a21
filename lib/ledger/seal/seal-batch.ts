import "server-only";
import pg from "pg";
import { computeBlockHash, GENESIS_PREV_HASH } from "../tlog/block-hash";
import { signCheckpoint } from "../tlog/checkpoint";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { LedgerIntegrityError } from "../ledger-errors";
import { getLogKeys, type LogKeys } from "../log-keys";
import { HASH_SIZE } from "../tlog/merkle";
import type { TLedgerBlock } from "../read-ledger-state";
import { announceSealed } from "./sequencer-signal";
import { checkLedgerHead, LEDGER_HEAD_SQL } from "../verify/verify-ledger-head";

/** Advisory lock key ("HLLG") that elects one sealer at a time across all app instances and CLIs. */
export const SEQUENCER_LOCK_KEY = 0x484c4c47;
export const DEFAULT_MAX_BATCH = 20_000;

export type TSealOptions = {
  pool?: LedgerPool;
  /** A connection the caller holds for sealing (the sequencer keeps one); else one is taken from the pool. */
  client?: pg.ClientBase;
  /** Rows per block; big batches amortise the per-block signature and round trips. */
  maxRows?: number;
  keys?: LogKeys;
  now?: () => Date;
};

export type TSealResult = {
  /** False when another sequencer holds the lock (nothing was done). */
  locked: boolean;
  sealed: number;
  /** Queued rows dropped because their row was already sealed or queued earlier (a writer enqueued twice). */
  dropped: number;
  block: TLedgerBlock | null;
};

/**
 * Seals up to maxRows queued rows as one block, all in one transaction: take the rows in queue
 * order, give them the next indices, extend the tiles, sign a checkpoint for the new root,
 * append the block and delete the rows from the queue. A crash at any point rolls all of it
 * back, so no committed queued row is lost and no index is skipped.
 */
export async function sealBatch(options: TSealOptions = {}): Promise<TSealResult> {
  const keys = options.keys ?? getLogKeys();
  const maxRows = options.maxRows ?? DEFAULT_MAX_BATCH;
  const pooled = options.client ? null : await (options.pool ?? getLedgerPool()).connect();
  const client = options.client ?? pooled!;
  try {
    // Three round trips, each a simple-protocol query of several statements: under load each
    // one waits its turn for a CPU, on the database side and in this process's event loop, and
    // the seal holds up every row in it. The head is read after the lock is granted (each
    // statement takes its own snapshot), and read even when it is not: it is a few rows.
    const [, lock, head] = (await client.query(
      `BEGIN; SELECT pg_try_advisory_xact_lock(${SEQUENCER_LOCK_KEY}) AS locked; ${LEDGER_HEAD_SQL}`,
    )) as unknown as pg.QueryResult[];
    if (!lock.rows[0].locked) {
      await client.query("ROLLBACK");
      return { locked: false, sealed: 0, dropped: 0, block: null };
    }
    const { block: prev, tree } = checkLedgerHead(head.rows, keys);
    const height = prev ? prev.height + 1 : 0;
    const base = tree.size;
    // A row enqueued twice is rare, so the batch is first taken without looking for one; the
    // unique (rowId, kind) index refuses a duplicate, and only then is the batch taken again
    // with each row checked (about a third more work, measured on 7,000-row batches).
    let taken: pg.QueryResult;
    try {
      // The savepoint and the take in one simple-protocol query, which takes no parameters: the
      // three bounds are integers, written into the text.
      [, taken] = (await client.query(
        `SAVEPOINT take; ${withIntegers(TAKE_BATCH, [maxRows, base, height])}`,
      )) as unknown as pg.QueryResult[];
    } catch (err) {
      const { code, constraint } = err as { code?: string; constraint?: string };
      if (code !== UNIQUE_VIOLATION || constraint !== ENTRY_ROW_KEY) throw err;
      await client.query("ROLLBACK TO SAVEPOINT take");
      taken = await client.query(TAKE_BATCH_DROPPING_DUPLICATES, [maxRows, base, height]);
    }
    const {
      taken: takenCount,
      dropped,
      hashes,
    } = taken.rows[0] as { taken: number; dropped: number; hashes: Buffer | null };
    if (takenCount === 0) {
      await client.query("ROLLBACK");
      return { locked: true, sealed: 0, dropped: 0, block: null };
    }
    const sealed = takenCount - dropped;
    if ((hashes?.length ?? 0) !== sealed * HASH_SIZE) {
      throw new LedgerIntegrityError("queue", "queued leaf hashes are not all 32 bytes; nothing was sealed");
    }
    for (let i = 0; i < sealed; i++) tree.append(hashes!.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
    if (sealed === 0) {
      await client.query("COMMIT");
      return { locked: true, sealed, dropped, block: null };
    }
    const tiles = tree.takeChangedTiles();
    const rootHash = tree.root();
    const checkpoint = signCheckpoint({ origin: keys.origin, treeSize: tree.size, rootHash }, keys.signer);
    const header = {
      height,
      prevHash: prev?.blockHash ?? GENESIS_PREV_HASH,
      treeSize: tree.size,
      rootHash,
      sealedAt: (options.now ?? (() => new Date()))(),
      checkpoint,
    };
    const block: TLedgerBlock = { ...header, blockHash: computeBlockHash(header) };
    // Tiles, block and COMMIT in one round trip, so the values are written into the text:
    // integers, hex bytea and escaped text only. sealedAt goes in as an ISO string: a Date would
    // be sent in the client's local zone.
    await client.query(
      `WITH tiles AS (
         INSERT INTO "LedgerTile" (level, "index", width, hashes)
         SELECT * FROM unnest(${intArray(tiles.map((t) => t.level))}::int[], ${intArray(tiles.map((t) => t.index))}::bigint[],
                              ${intArray(tiles.map((t) => t.width))}::int[], ${byteaArray(tiles.map((t) => t.hashes))})
         ON CONFLICT (level, "index") DO UPDATE SET width = EXCLUDED.width, hashes = EXCLUDED.hashes
       )
       INSERT INTO "LedgerBlock" (height, "prevHash", "treeSize", "rootHash", "sealedAt", "blockHash", checkpoint)
       VALUES (${integer(height)}, ${bytea(block.prevHash)}, ${integer(block.treeSize)}, ${bytea(rootHash)},
               ${pg.escapeLiteral(block.sealedAt.toISOString())}::timestamp, ${bytea(block.blockHash)}, ${pg.escapeLiteral(checkpoint)});
       COMMIT`,
    );
    announceSealed(block.treeSize);
    return { locked: true, sealed, dropped, block };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    pooled?.release();
  }
}

/** `sql` with $1, $2, … replaced by the given integers (for a statement sent without parameters). */
function withIntegers(sql: string, values: readonly number[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => integer(values[Number(n) - 1]));
}

// SQL literals for statements sent without parameters. Only integers and bytes are written
// this way (and escaped text), so nothing in them can end the literal. E'' strings read the
// same whatever standard_conforming_strings is set to.
function integer(v: number): string {
  if (!Number.isSafeInteger(v)) throw new RangeError(`sealBatch: ${v} is not an integer`);
  return String(v);
}
const intArray = (values: readonly number[]) => `'{${values.map(integer).join(",")}}'`;
const bytea = (b: Uint8Array) => `E'\\\\x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex")}'::bytea`;
const byteaArray = (values: readonly Uint8Array[]) => `ARRAY[${values.map(bytea).join(",")}]::bytea[]`;

const UNIQUE_VIOLATION = "23505";
/** LedgerEntry's unique ("rowId", kind) index, as Prisma names it. */
const ENTRY_ROW_KEY = "LedgerEntry_rowId_kind_key";

// Both statements move one batch from the queue to LedgerEntry in one round trip and return the
// new leaves' hashes as one value in index order; only the hashes travel, never the rows twice.
// No SKIP LOCKED: the advisory lock already makes us the only sealer, and a sealer that died
// mid-seal can release that lock before its row locks; skipping would then find an empty
// queue, so wait for them. The batch is "every visible queued row up to the maxRows-th id":
// one range scan instead of a probe per id; rows below that id that commit later are simply
// in the next batch. LedgerEntry inserts run in ("rowId", kind) order, not queue order: rows
// anchored before ids became time-ordered (UUIDv7) have random ids, and in queue order each of
// those lands on a random leaf page of the (rowId, kind) index; in key order each page is
// visited once, consecutively. Indices still follow queue order.
const TAKE_HEAD = `DELETE FROM "LedgerQueue" q
   WHERE q.id <= (SELECT max(id) FROM (SELECT id FROM "LedgerQueue" ORDER BY id LIMIT $1) head)
   RETURNING q.id, q.kind, q."rowId", q."leafHash"`;

/** The common case: every taken row is new to the ledger (the unique index checks it). */
const TAKE_BATCH = `WITH taken AS (${TAKE_HEAD}
  ), numbered AS (
    SELECT id, kind, "rowId", "leafHash", $2::bigint + row_number() OVER (ORDER BY id) - 1 AS "index" FROM taken
  ), ins AS (
    INSERT INTO "LedgerEntry" ("index", kind, "rowId", "leafHash", "blockHeight")
    SELECT "index", kind, "rowId", "leafHash", $3::bigint FROM numbered ORDER BY "rowId", kind
  )
  SELECT count(*)::int AS taken, 0 AS dropped, string_agg("leafHash", ''::bytea ORDER BY id) AS hashes FROM numbered`;

/** After a unique violation: a row enqueued twice is sealed once, at its first queue position. */
const TAKE_BATCH_DROPPING_DUPLICATES = `WITH taken AS (${TAKE_HEAD}
  ), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY "rowId", kind ORDER BY id) AS nth FROM taken
  ), marked AS (
    SELECT id, kind, "rowId", "leafHash",
           nth > 1 OR EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."rowId" = r."rowId" AND e.kind = r.kind) AS dup
      FROM ranked r
  ), numbered AS (
    SELECT kind, "rowId", "leafHash", $2::bigint + row_number() OVER (ORDER BY id) - 1 AS "index"
      FROM marked WHERE NOT dup
  ), ins AS (
    INSERT INTO "LedgerEntry" ("index", kind, "rowId", "leafHash", "blockHeight")
    SELECT "index", kind, "rowId", "leafHash", $3::bigint FROM numbered ORDER BY "rowId", kind
  )
  SELECT count(*)::int AS taken, (count(*) FILTER (WHERE dup))::int AS dropped,
         string_agg("leafHash", ''::bytea ORDER BY id) FILTER (WHERE NOT dup) AS hashes
    FROM marked`;
