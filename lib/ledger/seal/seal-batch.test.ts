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
import { appendAccessEvents } from "../testing/ledger-fixtures";
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
    expect(r).toMatchObject({ locked: true, sealed: 1, dropped: 0 });
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

  it("the append-only triggers refuse updates and deletes of entries and blocks", async () => {
    await expect(pool.query(`DELETE FROM "LedgerEntry" WHERE "index" = 0`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`UPDATE "LedgerBlock" SET "treeSize" = 2 WHERE height = 0`)).rejects.toThrow(/append-only/);
    await expect(
      pool.query(`UPDATE "LedgerTile" SET hashes = substring(hashes from 33) WHERE level = 0 AND "index" = 0`),
    ).rejects.toThrow(/grow/);
  });
});

describe("startSequencer / awaitSealed", () => {
  it("seals a row soon after it is enqueued and hands back a receipt", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    const seq = startSequencer({ pool: p, intervalMs: 1000 });
    try {
      const started = Date.now();
      const event = await recordAccessEvent(fresh.prisma, { type: "rest", subtype: "read", action: "R", outcome: "0" });
      const receipt = await awaitSealed({ pool: p, kind: "access_event", rowId: event.id, timeoutMs: 3000 });
      expect(Date.now() - started).toBeLessThan(500);
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

describe("double enqueue", () => {
  it("seals a row enqueued twice once, whether both are in one batch or the second comes later", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    try {
      const [row] = await appendAccessEvents(p, 1);
      await p.query(
        `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt") SELECT kind, "rowId", "leafHash", mac, "recordedAt" FROM "LedgerQueue"`,
      );
      await appendAccessEvents(p, 2, 1);
      expect(await sealBatch({ pool: p })).toMatchObject({ sealed: 3, dropped: 1 });
      await p.query(
        `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt") SELECT kind, "rowId", "leafHash", '\\x', now() FROM "LedgerEntry" WHERE "index" = 0`,
      );
      expect(await sealBatch({ pool: p })).toMatchObject({ sealed: 0, dropped: 1, block: null });
      const { rows } = await p.query(`SELECT "rowId" FROM "LedgerEntry" ORDER BY "index"`);
      expect(rows[0].rowId).toBe(row.id);
      expect(rows).toHaveLength(3);
    } finally {
      await p.end();
    }
  });
});

describe("malformed queue", () => {
  it("refuses to seal a batch holding a queued hash that is not 32 bytes, and changes nothing", async () => {
    const fresh = await createTestDatabase();
    const p = createLedgerPool(fresh.url);
    try {
      await appendAccessEvents(p, 3);
      // CHECK constraints keep such hashes out of both tables; a superuser can drop them.
      await p.query(`ALTER TABLE "LedgerQueue" DROP CONSTRAINT "LedgerQueue_leafHash_len"`);
      await p.query(`ALTER TABLE "LedgerEntry" DROP CONSTRAINT "LedgerEntry_leafHash_len"`);
      await p.query(
        `UPDATE "LedgerQueue" SET "leafHash" = substring("leafHash" FROM 2) WHERE id = (SELECT min(id) FROM "LedgerQueue")`,
      );
      await expect(sealBatch({ pool: p })).rejects.toBeInstanceOf(LedgerIntegrityError);
      const { rows } = await p.query(
        `SELECT (SELECT count(*)::int FROM "LedgerQueue") AS queued, (SELECT count(*)::int FROM "LedgerEntry") AS entries`,
      );
      expect(rows[0]).toEqual({ queued: 3, entries: 0 });
    } finally {
      await p.end();
    }
  });
});
