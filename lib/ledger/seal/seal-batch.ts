import "server-only";
import pg from "pg";
import { computeBlockHash, GENESIS_PREV_HASH } from "../tlog/block-hash";
import { signCheckpoint } from "../tlog/checkpoint";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { getLogKeys, type LogKeys } from "../log-keys";
import type { TLedgerBlock } from "../read-ledger-state";
import { checkQueuedEntries, rowKey, type TQueueCheck, type TQueuedEntry } from "./check-queued-entries";
import { announceSealed } from "./sequencer-signal";
import { getWriterKeys, type TWriterKeys } from "./writer-mac";
import { checkLedgerHead, LEDGER_HEAD_SQL } from "../verify/verify-ledger-head";

/** Advisory lock key ("HLLG") that elects one sealer at a time across all app instances and CLIs. */
export const SEQUENCER_LOCK_KEY = 0x484c4c47;
export const DEFAULT_MAX_BATCH = 20_000;

export type TSealOptions = {
  pool?: LedgerPool;
  /** A connection the caller holds for sealing (the sequencer keeps one); else one is taken from the pool. */
  client?: pg.ClientBase;
  /** Queue entries per batch; big batches amortise the per-block signature and round trips. */
  maxRows?: number;
  keys?: LogKeys;
  /** Keys the writers' MACs are checked with (HL_LEDGER_WRITER_KEY, and _PREVIOUS during a rotation). */
  writerKeys?: TWriterKeys;
  /** The clock window around recordedAt (HL_LEDGER_CLOCK_SKEW_SECONDS). */
  clockSkewSeconds?: number;
  now?: () => Date;
};

export type TSealResult = {
  /** False when another sequencer holds the lock (nothing was done). */
  locked: boolean;
  sealed: number;
  /** Queue entries refused (kept in LedgerRefusedEntry, never sealed): see check-queued-entries.ts. */
  refused: number;
  block: TLedgerBlock | null;
  /** Where a seal that wrote a block spent its time, in ms (the ledger benchmark reports them). */
  timings?: TSealTimings;
};

export type TSealTimings = {
  /** BEGIN, the advisory lock, the head and the last draining seal: one round trip. */
  head: number;
  /** Taking the batch off the queue (DELETE … RETURNING). */
  take: number;
  /** The writers' MACs and the clock window, in this process. */
  check: number;
  /** Appending the leaves to the tree, its changed tiles and root, and signing the checkpoint. */
  tree: number;
  /** LedgerEntry, tiles and block inserted, and COMMIT: one round trip. */
  write: number;
};

/**
 * Seals up to maxRows queued entries as one block, all in one transaction: take the entries in
 * queue order, refuse those the app did not write or that are backdated or replayed (they go to
 * LedgerRefusedEntry), give the others the next indices, extend the tiles, sign a checkpoint for
 * the new root and append the block. A crash at any point rolls all of it back, so no committed
 * queue entry is lost, none is dropped unrecorded, and no index is skipped.
 */
export async function sealBatch(options: TSealOptions = {}): Promise<TSealResult> {
  const pooled = options.client ? null : await (options.pool ?? getLedgerPool()).connect();
  const client = options.client ?? pooled!;
  try {
    try {
      return await sealOnce(client, options, false);
    } catch (err) {
      const { code, constraint } = err as { code?: string; constraint?: string };
      if (code !== UNIQUE_VIOLATION || constraint !== ENTRY_ROW_KEY) throw err;
      // A replay of an entry sealed earlier is rare, so the batch is first sealed without looking
      // for one (the unique ("rowId", kind) index checks it); only then is it taken again with
      // each row looked up. Nothing of the first attempt was committed.
      await client.query("ROLLBACK").catch(() => {});
      return await sealOnce(client, options, true);
    }
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    pooled?.release();
  }
}

async function sealOnce(client: pg.ClientBase, options: TSealOptions, lookUpSealed: boolean): Promise<TSealResult> {
  const keys = options.keys ?? getLogKeys();
  const maxRows = options.maxRows ?? DEFAULT_MAX_BATCH;
  const skewMs = 1000 * (options.clockSkewSeconds ?? runtimeEnv().HL_LEDGER_CLOCK_SKEW_SECONDS);
  const now = (options.now ?? (() => new Date()))();
  const t0 = performance.now();
  // Three round trips (a fourth only when entries are refused), each one query: under load each
  // waits its turn for a CPU, on the database side and in this process's event loop, and the
  // seal holds up every row in it. The head is read after the lock is granted (each statement
  // takes its own snapshot), and read even when it is not: it is a few rows.
  const [, lock, head, drained] = (await client.query(
    `BEGIN; SELECT pg_try_advisory_xact_lock(${SEQUENCER_LOCK_KEY}) AS locked; ${LEDGER_HEAD_SQL}; ${withIntegers(LAST_DRAINING_SEAL, [maxRows])}`,
  )) as unknown as pg.QueryResult[];
  if (!lock.rows[0].locked) {
    await client.query("ROLLBACK");
    return { locked: false, sealed: 0, refused: 0, block: null };
  }
  const { block: prev, tree } = checkLedgerHead(head.rows, keys);
  const height = prev ? prev.height + 1 : 0;
  const base = tree.size;
  const t1 = performance.now();
  const taken = (await client.query(withIntegers(TAKE_HEAD, [maxRows]))).rows.map(queuedEntryFromRow);
  if (taken.length === 0) {
    await client.query("ROLLBACK");
    return { locked: true, sealed: 0, refused: 0, block: null };
  }
  const t2 = performance.now();
  const lastDrained = drained.rows[0]?.sealedAt as Date | undefined;
  const { accepted, refused } = checkQueuedEntries(taken, {
    keys: options.writerKeys ?? getWriterKeys(),
    notBefore: lastDrained ? new Date(lastDrained.getTime() - skewMs) : null,
    notAfter: new Date(now.getTime() + skewMs),
    sealed: lookUpSealed ? await findSealed(client, taken) : new Set(),
  });
  if (refused.length > 0) await insertRefused(client, refused);
  if (accepted.length === 0) {
    await client.query("COMMIT");
    return { locked: true, sealed: 0, refused: refused.length, block: null };
  }
  const t3 = performance.now();
  for (const e of accepted) tree.append(e.leafHash);
  const tiles = tree.takeChangedTiles();
  const rootHash = tree.root();
  const checkpoint = signCheckpoint({ origin: keys.origin, treeSize: tree.size, rootHash }, keys.signer);
  const header = {
    height,
    prevHash: prev?.blockHash ?? GENESIS_PREV_HASH,
    treeSize: tree.size,
    rootHash,
    sealedAt: now,
    checkpoint,
  };
  const block: TLedgerBlock = { ...header, blockHash: computeBlockHash(header) };
  const t4 = performance.now();
  // Entries, tiles, block and COMMIT in one round trip, so the values are written into the text:
  // integers, hex bytea, checked kinds and uuids, and escaped text only. The leaf hashes travel
  // as one bytea, cut into 32-byte pieces by the server. LedgerEntry inserts run in
  // ("rowId", kind) order, not queue order: rows anchored before ids became time-ordered (UUIDv7)
  // have random ids, and in queue order each of those lands on a random leaf page of the
  // (rowId, kind) index; in key order each page is visited once. Indices follow queue order.
  // sealedAt goes in as an ISO string: a Date would be sent in the client's local zone.
  await client.query(
    `INSERT INTO "LedgerEntry" ("index", kind, "rowId", "leafHash", "blockHeight")
     SELECT ${integer(base)} + i - 1, k, r, substring(${bytea(Buffer.concat(accepted.map((e) => e.leafHash)))} FROM i::int * 32 - 31 FOR 32), ${integer(height)}
       FROM unnest(${textArray(accepted.map((e) => e.kind))}::text[], ${uuidArray(accepted.map((e) => e.rowId))}::uuid[]) WITH ORDINALITY AS u(k, r, i)
      ORDER BY r, k;
     WITH tiles AS (
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
  const timings = { head: t1 - t0, take: t2 - t1, check: t3 - t2, tree: t4 - t3, write: performance.now() - t4 };
  announceSealed(block.treeSize);
  return { locked: true, sealed: accepted.length, refused: refused.length, block, timings };
}

function queuedEntryFromRow(row: Record<string, unknown>): TQueuedEntry {
  return {
    id: String(row.id),
    kind: row.kind as string,
    rowId: row.rowId as string,
    leafHash: row.leafHash as Buffer,
    mac: row.mac as Buffer,
    // Milliseconds as text rather than a timestamp: parsing 20,000 dates was a measurable part of a seal.
    recordedAt: new Date(Number(row.recordedMs)),
    enqueuedAt: row.enqueuedAt as string,
  };
}

/** The batch's rows that are already in LedgerEntry (after the unique index refused the batch). */
async function findSealed(client: pg.ClientBase, taken: readonly TQueuedEntry[]): Promise<Set<string>> {
  const { rows } = await client.query(
    `SELECT e.kind, e."rowId" FROM "LedgerEntry" e
       JOIN unnest($1::text[], $2::uuid[]) AS q(kind, "rowId") ON e."rowId" = q."rowId" AND e.kind = q.kind`,
    [taken.map((e) => e.kind), taken.map((e) => e.rowId)],
  );
  return new Set(rows.map((r) => rowKey(r.kind, r.rowId)));
}

/** Refused entries are evidence: kept whole, in one statement, in the seal's transaction. */
async function insertRefused(client: pg.ClientBase, refused: TQueueCheck["refused"]): Promise<void> {
  const e = refused.map((r) => r.entry);
  await client.query(
    `INSERT INTO "LedgerRefusedEntry" ("queueId", kind, "rowId", "leafHash", mac, "recordedAt", "enqueuedAt", reason)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::bytea[], $5::bytea[], $6::timestamptz[], $7::timestamp[], $8::text[])`,
    [
      e.map((x) => x.id),
      e.map((x) => x.kind),
      e.map((x) => x.rowId),
      e.map((x) => Buffer.from(x.leafHash)),
      e.map((x) => Buffer.from(x.mac)),
      e.map((x) => x.recordedAt.toISOString()),
      e.map((x) => x.enqueuedAt),
      refused.map((r) => r.reason),
    ],
  );
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
// Only kinds that passed isLeafKindName and uuids as PostgreSQL prints them reach these.
const textArray = (values: readonly string[]) => `'{${values.map((v) => checked(v, /^[a-z_]+$/)).join(",")}}'`;
const uuidArray = (values: readonly string[]) => `'{${values.map((v) => checked(v, /^[0-9a-f-]{36}$/)).join(",")}}'`;
function checked(v: string, shape: RegExp): string {
  if (!shape.test(v)) throw new RangeError(`sealBatch: ${JSON.stringify(v)} cannot be written into the statement`);
  return v;
}

const UNIQUE_VIOLATION = "23505";
/** LedgerEntry's unique ("rowId", kind) index, as Prisma names it. */
const ENTRY_ROW_KEY = "LedgerEntry_rowId_kind_key";

// Takes one batch off the queue, in queue order, with everything the checks need. No SKIP
// LOCKED: the advisory lock already makes us the only sealer, and a sealer that died mid-seal
// can release that lock before its row locks; skipping would then find an empty queue, so wait
// for them. The batch is "every visible queued entry up to the maxRows-th id": one range scan
// instead of a probe per id; entries below that id that commit later are in the next batch.
const TAKE_HEAD = `WITH taken AS (
    DELETE FROM "LedgerQueue" q
     WHERE q.id <= (SELECT max(id) FROM (SELECT id FROM "LedgerQueue" ORDER BY id LIMIT $1) head)
    RETURNING q.id, q.kind, q."rowId", q."leafHash", q.mac,
              (extract(epoch FROM q."recordedAt") * 1000)::bigint AS "recordedMs", q."enqueuedAt"::text
  ) SELECT * FROM taken ORDER BY id`;

/**
 * When the latest seal that emptied the queue happened: the newest block with fewer than
 * maxRows leaves. An entry recorded well before it should have been in it, so it is refused as
 * backdated or replayed. A full block may have left a backlog behind, whose entries are
 * legitimately older than that block, so full blocks do not move the bound. Walks back from
 * the head by height and stops at the first such block (nearly always the head itself).
 */
const LAST_DRAINING_SEAL = `SELECT b."sealedAt" FROM "LedgerBlock" b LEFT JOIN "LedgerBlock" p ON p.height = b.height - 1
  WHERE b."treeSize" - coalesce(p."treeSize", 0) < $1 ORDER BY b.height DESC LIMIT 1`;
