// Concurrency and crash safety of the sequencer against a real PostgreSQL.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { GENESIS_PREV_HASH } from "../tlog/block-hash";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { blockFromRow, BLOCK_COLUMNS } from "../read-ledger-state";
import { SEQUENCER_LOCK_KEY } from "./seal-batch";
import { sealPending } from "./seal-pending";
import { startSequencer } from "./sequencer";
import { appendAccessEvents, insertAccessEvents } from "../testing/ledger-fixtures";
import { verifyLedger } from "../verify/verify-ledger";

let db: TTestDatabase;
let pool: LedgerPool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 12);
});
afterAll(async () => {
  await pool.end();
});

async function expectOneGaplessChain(p: LedgerPool, expectedSize: number) {
  const stats = await p.query(
    `SELECT count(*)::int AS n, count(DISTINCT "index")::int AS d, min("index")::int AS lo, max("index")::int AS hi FROM "LedgerEntry"`,
  );
  expect(stats.rows[0]).toEqual({ n: expectedSize, d: expectedSize, lo: 0, hi: expectedSize - 1 });
  const { rows } = await p.query(`SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" ORDER BY height`);
  const blocks = rows.map(blockFromRow);
  blocks.forEach((b, i) => {
    expect(b.height).toBe(i);
    expect(b.prevHash).toEqual(i === 0 ? GENESIS_PREV_HASH : blocks[i - 1].blockHash);
    if (i > 0) expect(b.treeSize).toBeGreaterThan(blocks[i - 1].treeSize);
  });
  expect(blocks.at(-1)?.treeSize).toBe(expectedSize);
  return blocks;
}

describe("sequencer under concurrent writers", () => {
  it("8 writers on separate connections, two competing sequencers: no gap, no duplicate, one chain", async () => {
    const writers = 8;
    const perWriter = 1_280;
    const perTx = 20;
    const rival = createLedgerPool(db.url, 3);
    const errors: unknown[] = [];
    const seqA = startSequencer({ pool, intervalMs: 50, onError: (e) => errors.push(e) });
    const seqB = startSequencer({ pool: rival, intervalMs: 50, onError: (e) => errors.push(e) });
    const started = performance.now();
    try {
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const client = await pool.connect();
          try {
            for (let i = 0; i < perWriter; i += perTx) {
              await client.query("BEGIN");
              await insertAccessEvents(client, perTx, w * perWriter + i);
              await client.query("COMMIT");
            }
          } finally {
            client.release();
          }
        }),
      );
      const wroteMs = performance.now() - started;
      await sealPending({ pool });
      const total = writers * perWriter;
      const blocks = await expectOneGaplessChain(pool, total);
      const lat = await pool.query(
        `SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM b."sealedAt" - a.recorded) * 1000) AS ms
           FROM "LedgerEntry" e JOIN "AccessEvent" a ON a.id = e."rowId" JOIN "LedgerBlock" b ON b.height = e."blockHeight"`,
      );
      const [p50, p99] = lat.rows[0].ms as number[];
      console.log(
        `[ledger] ${total} rows by ${writers} writers in ${wroteMs.toFixed(0)} ms (${((total / wroteMs) * 1000).toFixed(0)} rows/s), ${blocks.length} blocks, seal latency p50 ${p50.toFixed(0)} ms p99 ${p99.toFixed(0)} ms`,
      );
      expect(p99).toBeLessThan(2_000);
      expect(errors).toEqual([]);
      const v = await verifyLedger({ pool });
      expect(v.findings).toEqual([]);
    } finally {
      await seqA.stop();
      await seqB.stop();
      await rival.end();
    }
  });
});

describe("sequencer crash", () => {
  it("SIGKILL mid-seal loses no committed queued row and leaves the log verifiable", async () => {
    const before = Number((await pool.query(`SELECT coalesce(max("treeSize"), 0) AS n FROM "LedgerBlock"`)).rows[0].n);
    const queued = 60_000;
    for (let i = 0; i < queued; i += 20_000) await appendAccessEvents(pool, 20_000, 100_000 + i);
    // node itself with tsx as a loader: the tsx CLI would fork, and SIGKILL would only hit its wrapper.
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=react-server",
        path.resolve("lib/ledger/testing/seal-child.ts"),
        String(queued),
      ],
      { env: { ...process.env, DATABASE_URL: db.url }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    // Kill once the child holds the sequencer lock, i.e. is inside the sealing transaction.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rowCount } = await pool.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`,
        [SEQUENCER_LOCK_KEY],
      );
      if (rowCount) break;
      if (Date.now() > deadline) throw new Error(`child never took the lock: ${out}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 60));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(out).not.toContain("sealed");
    // Nothing of the killed seal is visible: queue intact, no new block.
    expect((await pool.query(`SELECT count(*)::int AS n FROM "LedgerQueue"`)).rows[0].n).toBe(queued);
    expect(Number((await pool.query(`SELECT coalesce(max("treeSize"), 0) AS n FROM "LedgerBlock"`)).rows[0].n)).toBe(
      before,
    );
    const res = await sealPending({ pool, timeoutMs: 20_000 });
    expect(res.sealed).toBe(queued);
    await expectOneGaplessChain(pool, before + queued);
    const v = await verifyLedger({ pool });
    expect(v.findings).toEqual([]);
    console.log(`[ledger] full verification: ${v.entriesVerified} entries at ${v.rowsPerSecond.toFixed(0)} rows/s`);
  });
});
