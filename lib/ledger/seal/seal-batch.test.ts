import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { recordAccessEvent } from "@/lib/access/record-access-event";
import { awaitSealed } from "./await-sealed";
import { computeBlockHash, GENESIS_PREV_HASH } from "../tlog/block-hash";
import { openCheckpoint } from "../tlog/checkpoint";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { LedgerIntegrityError } from "../ledger-errors";
import { getLogKeys } from "../log-keys";
import { blockFromRow, BLOCK_COLUMNS } from "../read-ledger-state";
import { sealBatch } from "./seal-batch";
import { sealPending } from "./seal-pending";
import { SEALER_APPLICATION_NAME, startSequencer } from "./sequencer";
import crypto from "node:crypto";
import { withTransaction } from "@/lib/db/with-transaction";
import { LEAF_KINDS, leafHashFor } from "../kinds";
import { appendAccessEvents, insertAccessEvents, insertQueueEntries } from "../testing/ledger-fixtures";
import { tilesForTreeSize } from "../tlog/tile-math";

let db: TTestDatabase;
let pool: LedgerPool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
});
afterAll(async () => {
  await pool.end();
});

async function blocks() {
  const { rows } = await pool.query(`SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" ORDER BY height`);
  return rows.map(blockFromRow);
}

describe("sealBatch", () => {
  it("anchors access events in their own transaction and seals them into a signed, chained block", async () => {
    const event = await recordAccessEvent(db.prisma, { type: "110114", subtype: "110122", action: "E", outcome: "0" });
    expect(await pool.query(`SELECT kind, "rowId" FROM "LedgerQueue"`).then((r) => r.rows)).toEqual([
      { kind: "access_event", rowId: event.id },
    ]);
    const r = await sealBatch({ pool });
    expect(r).toMatchObject({ locked: true, sealed: 1, refused: 0 });
    expect(r.block).toMatchObject({ height: 0, treeSize: 1 });
    expect(r.block!.prevHash).toEqual(GENESIS_PREV_HASH);
    const cp = openCheckpoint(r.block!.checkpoint, getLogKeys().verifierKey);
    expect(cp).toMatchObject({ origin: "healthledger.test/log", treeSize: 1 });
    expect(cp.rootHash).toEqual(r.block!.rootHash);
    expect(await pool.query(`SELECT count(*)::int AS n FROM "LedgerQueue"`).then((q) => q.rows[0].n)).toBe(0);
    expect(await sealBatch({ pool })).toMatchObject({ locked: true, sealed: 0, block: null });
  });

  it("assigns gapless indices in queue order across batches and keeps one chain", async () => {
    const written = [...(await appendAccessEvents(pool, 300)), ...(await appendAccessEvents(pool, 300, 300))];
    const res = await sealPending({ pool, maxRows: 128 });
    expect(res.sealed).toBe(600);
    expect(res.blocks).toBe(5);
    const { rows } = await pool.query(
      `SELECT "index"::int AS i, "rowId" FROM "LedgerEntry" WHERE "index" >= 1 ORDER BY "index"`,
    );
    expect(rows.map((r) => r.i)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(rows.map((r) => r.rowId)).toEqual(written.map((w) => w.id));
    const chain = await blocks();
    chain.forEach((b, i) => {
      expect(b.height).toBe(i);
      expect(b.prevHash).toEqual(i === 0 ? GENESIS_PREV_HASH : chain[i - 1].blockHash);
      expect(b.blockHash).toEqual(computeBlockHash(b));
    });
    expect(chain.at(-1)!.treeSize).toBe(601);
    const tiles = await pool.query(
      `SELECT level, "index"::int AS index, width FROM "LedgerTile" ORDER BY level, "index"`,
    );
    expect(tiles.rows).toEqual(tilesForTreeSize(601));
  });

  it("refuses to seal on top of a head whose root no longer matches the tiles", async () => {
    const su = await db.superuser();
    await su.query("SET session_replication_role = replica");
    await su.query(
      `UPDATE "LedgerTile" SET hashes = set_byte(hashes, 0, get_byte(hashes, 0) # 1) WHERE level = 0 AND "index" = 2`,
    );
    await appendAccessEvents(pool, 3, 9000);
    const err = await sealBatch({ pool }).catch((e) => e);
    expect(err).toBeInstanceOf(LedgerIntegrityError);
    expect(err).toMatchObject({ check: "root", blockHeight: 5 });
    await su.query(
      `UPDATE "LedgerTile" SET hashes = set_byte(hashes, 0, get_byte(hashes, 0) # 1) WHERE level = 0 AND "index" = 2`,
    );
    expect(await sealBatch({ pool })).toMatchObject({ sealed: 3 });
  });

  it("refuses when the latest checkpoint is not signed by the configured key", async () => {
    const su = await db.superuser();
    await su.query("SET session_replication_role = replica");
    await su.query(
      `UPDATE "LedgerBlock" SET checkpoint = replace(checkpoint, '— healthledger.test/log ', '— healthledger.test/log x') WHERE height = (SELECT max(height) FROM "LedgerBlock")`,
    );
    await appendAccessEvents(pool, 1, 9100);
    await expect(sealBatch({ pool })).rejects.toMatchObject({ check: "block-hash" });
  });

  it("the append-only triggers refuse updates and deletes of entries and blocks, even by the tables' owner", async () => {
    // The app role is refused before any trigger runs (lib/db/roles/app-role.test.ts); the triggers
    // are the layer beneath, for the owner that migrates the schema.
    const owner = createLedgerPool(db.ownerUrl);
    try {
      await expect(owner.query(`DELETE FROM "LedgerEntry" WHERE "index" = 0`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`UPDATE "LedgerBlock" SET "treeSize" = 2 WHERE height = 0`)).rejects.toThrow(
        /append-only/,
      );
      await expect(
        owner.query(`UPDATE "LedgerTile" SET hashes = substring(hashes from 33) WHERE level = 0 AND "index" = 0`),
      ).rejects.toThrow(/grow/);
      // The app role may grow a tile, so the trigger is what refuses it a shrink.
      await expect(
        pool.query(`UPDATE "LedgerTile" SET hashes = substring(hashes from 33) WHERE level = 0 AND "index" = 0`),
      ).rejects.toThrow(/grow/);
    } finally {
      await owner.end();
    }
  });
});

describe("startSequencer / awaitSealed", () => {
  it("seals a row when it is enqueued, not at the next interval, and hands back a receipt", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    // An interval longer than the wait: only the wake-up on enqueue can seal the row in time.
    const seq = startSequencer({ pool: p, intervalMs: 120_000 });
    try {
      await seq.ready;
      const event = await recordAccessEvent(fresh.prisma, { type: "rest", subtype: "read", action: "R", outcome: "0" });
      const receipt = await awaitSealed({ pool: p, kind: "access_event", rowId: event.id, timeoutMs: 30_000 });
      expect(receipt).toMatchObject({ index: 0, blockHeight: 0, treeSize: 1 });
      expect(receipt.checkpoint).toContain("healthledger.test/log\n1\n");
    } finally {
      await seq.stop();
      await p.end();
    }
  });
});

describe("the sequencer's own connection", () => {
  it("after its connections are killed, reports the failure and seals on a new one", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    const errors: unknown[] = [];
    const seq = startSequencer({ pool: p, intervalMs: 20, onError: (e) => errors.push(e) });
    try {
      await seq.ready;
      const [row] = await appendAccessEvents(p, 1);
      await awaitSealed({ pool: p, kind: "access_event", rowId: row.id as string, timeoutMs: 5000 });
      const {
        rows: [sealer],
      } = await p.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
        [SEALER_APPLICATION_NAME],
      );
      const {
        rows: [listener],
      } = await p.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
      );
      expect(sealer && listener && sealer.pid !== listener.pid).toBe(true);
      // An "error" event nobody handles would end this process; the sequencer handles both.
      await p.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [[sealer.pid, listener.pid]]);
      const [later] = await appendAccessEvents(p, 1, 1);
      const receipt = await awaitSealed({ pool: p, kind: "access_event", rowId: later.id as string, timeoutMs: 5000 });
      expect(receipt).toMatchObject({ index: 1, treeSize: 2 });
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await seq.stop();
      await p.end();
    }
  });
});

const refusedRows = (p: LedgerPool) =>
  p
    .query(`SELECT "queueId"::int AS "queueId", kind, "rowId", reason FROM "LedgerRefusedEntry" ORDER BY id`)
    .then((r) => r.rows);
const entryCount = (p: LedgerPool) =>
  p.query(`SELECT count(*)::int AS n FROM "LedgerEntry"`).then((r) => r.rows[0].n as number);

describe("queue entries the app did not write", () => {
  it("refuses entries without a MAC or with a wrong one, keeps them and seals the genuine ones", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    try {
      const [genuine] = await appendAccessEvents(p, 1);
      // A DBA inserts rows and queue entries with correctly recomputed leaf hashes.
      const forged = await withTransaction(p, (c) => insertAccessEvents(c, 2, 100, { anchor: false }));
      const leafHash = (row: Record<string, unknown>) => leafHashFor(LEAF_KINDS.access_event, row);
      await insertQueueEntries(p, [
        { kind: "access_event", rowId: forged[0].id as string, leafHash: leafHash(forged[0]), mac: null },
        {
          kind: "access_event",
          rowId: forged[1].id as string,
          leafHash: leafHash(forged[1]),
          mac: crypto.randomBytes(32),
        },
      ]);
      const r = await sealBatch({ pool: p });
      expect(r).toMatchObject({ locked: true, sealed: 1, refused: 2 });
      const sealed = await p.query(`SELECT "rowId" FROM "LedgerEntry"`);
      expect(sealed.rows).toEqual([{ rowId: genuine.id }]);
      expect(await refusedRows(p)).toEqual([
        expect.objectContaining({ kind: "access_event", rowId: forged[0].id, reason: "mac_invalid" }),
        expect.objectContaining({ kind: "access_event", rowId: forged[1].id, reason: "mac_invalid" }),
      ]);
      expect(await p.query(`SELECT count(*)::int AS n FROM "LedgerQueue"`).then((q) => q.rows[0].n)).toBe(0);
      // The refused entries are evidence: append-only like every history table.
      // Evidence the app role can neither delete nor rewrite (the trigger also stops the owner).
      await expect(p.query(`DELETE FROM "LedgerRefusedEntry"`)).rejects.toThrow(/permission denied/);
      await expect(p.query(`UPDATE "LedgerRefusedEntry" SET reason = 'x'`)).rejects.toThrow(/permission denied/);
    } finally {
      await p.end();
    }
  });

  it("refuses an entry backdated before the previous seal, or dated ahead of the clock, even with a valid MAC", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    try {
      await appendAccessEvents(p, 1);
      const first = await sealBatch({ pool: p });
      const sealedAt = first.block!.sealedAt.getTime();
      const rows = await withTransaction(p, (c) => insertAccessEvents(c, 3, 200, { anchor: false }));
      const hash = (i: number) => leafHashFor(LEAF_KINDS.access_event, rows[i]);
      await insertQueueEntries(p, [
        {
          kind: "access_event",
          rowId: rows[0].id as string,
          leafHash: hash(0),
          recordedAt: new Date(sealedAt - 301_000),
        },
        {
          kind: "access_event",
          rowId: rows[1].id as string,
          leafHash: hash(1),
          recordedAt: new Date(sealedAt - 299_000),
        },
        {
          kind: "access_event",
          rowId: rows[2].id as string,
          leafHash: hash(2),
          recordedAt: new Date(Date.now() + 400_000),
        },
      ]);
      expect(await sealBatch({ pool: p, clockSkewSeconds: 300 })).toMatchObject({ sealed: 1, refused: 2 });
      expect((await refusedRows(p)).map((r) => [r.rowId, r.reason])).toEqual([
        [rows[0].id, "recorded_too_early"],
        [rows[2].id, "recorded_in_future"],
      ]);
    } finally {
      await p.end();
    }
  });

  it("refuses a replayed queue entry (a copy of one already sealed) and a second entry for one row", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    try {
      const [row] = await appendAccessEvents(p, 1);
      const copyQueue = `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt") SELECT kind, "rowId", "leafHash", mac, "recordedAt" FROM "LedgerQueue"`;
      const [original] = (await p.query(`SELECT * FROM "LedgerQueue"`)).rows;
      await p.query(copyQueue);
      await appendAccessEvents(p, 2, 1);
      expect(await sealBatch({ pool: p })).toMatchObject({ sealed: 3, refused: 1 });
      // The attacker kept a copy of the sealed entry, MAC and all, and puts it back.
      await p.query(
        `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt") VALUES ($1, $2, $3, $4, $5)`,
        [original.kind, original.rowId, original.leafHash, original.mac, original.recordedAt],
      );
      expect(await sealBatch({ pool: p })).toMatchObject({ sealed: 0, refused: 1, block: null });
      expect((await refusedRows(p)).map((r) => [r.rowId, r.reason])).toEqual([
        [row.id, "queued_twice"],
        [row.id, "already_sealed"],
      ]);
      const { rows } = await p.query(`SELECT "rowId" FROM "LedgerEntry" ORDER BY "index"`);
      expect(rows[0].rowId).toBe(row.id);
      expect(rows).toHaveLength(3);
      // A replay next to genuine entries: the genuine ones are sealed in the same block.
      await p.query(
        `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt") VALUES ($1, $2, $3, $4, $5)`,
        [original.kind, original.rowId, original.leafHash, original.mac, original.recordedAt],
      );
      await appendAccessEvents(p, 2, 3);
      expect(await sealBatch({ pool: p })).toMatchObject({ sealed: 2, refused: 1, block: { treeSize: 5 } });
      expect(await entryCount(p)).toBe(5);
    } finally {
      await p.end();
    }
  });
});

describe("malformed queue", () => {
  it("refuses an entry whose leaf hash is not 32 bytes and seals the rest", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    try {
      await appendAccessEvents(p, 3);
      // CHECK constraints keep such hashes out of both tables; a superuser can drop them.
      const su = await fresh.superuser();
      await su.query(`ALTER TABLE "LedgerQueue" DROP CONSTRAINT "LedgerQueue_leafHash_len"`);
      await su.query(
        `UPDATE "LedgerQueue" SET "leafHash" = substring("leafHash" FROM 2) WHERE id = (SELECT min(id) FROM "LedgerQueue")`,
      );
      expect(await sealBatch({ pool: p })).toMatchObject({ sealed: 2, refused: 1 });
      expect((await refusedRows(p)).map((r) => r.reason)).toEqual(["malformed"]);
      expect(await entryCount(p)).toBe(2);
    } finally {
      await p.end();
    }
  });
});
