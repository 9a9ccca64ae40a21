// The health reading against a real PostgreSQL: what a monitor sees on a healthy ledger, a stuck
// sequencer and a rolled-back database, and that an unreachable or hung server is answered within
// the deadline instead of hanging the check.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { recordSealedCheckpoint } from "@/lib/ledger/rollback/record-checkpoint";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { startSequencer, type TSequencer } from "@/lib/ledger/seal/sequencer";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { HEALTH_READ_TIMEOUT_MS, readHealth } from "./read-health";

let db: TTestDatabase;
let pool: LedgerPool;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 3);
  await appendAccessEvents(pool, 20);
  const block = (await sealPending({ pool })).lastBlock!;
  expect(await recordSealedCheckpoint({ block, createdLog: true, pool })).toBe("first");
});
afterAll(() => pool.end());

async function listen(onSocket: (s: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => {
    sockets.push(s);
    onSocket(s);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((r) => server.close(() => r()));
    },
  };
}

describe("readHealth", () => {
  it("is ok on a sealed, trusted ledger with a sequencer running, and names no patient data", async () => {
    const sequencer: TSequencer = startSequencer({ pool, listen: false });
    await sequencer.ready;
    try {
      const h = await readHealth({ pool });
      expect(h.status).toBe("ok");
      expect(h.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
      expect(h.checks.sequencer).toMatchObject({ status: "ok", pendingLeaves: 0, treeSize: 20 });
      expect(h.checks.sequencer.sequencers).toHaveLength(1);
      expect(h.checks.sequencer.lastSealAgeSeconds).toBeLessThan(60);
      expect(h.checks.rollbackGuard).toMatchObject({ status: "ok", state: "trusted", treeSize: 20 });
      expect(h.checks.verification).toMatchObject({ status: "ok", lastRun: null });
      // No monitor has stepped yet, and the leaves were sealed just now.
      expect(h.checks.monitor.status).toBe("ok");
      expect(h.checks.monitor.consumers.map((c) => [c.name, c.watermark, c.leavesBehind])).toEqual([
        ["rollups", null, 20],
        ["rules", null, 20],
      ]);
      const { rows } = await pool.query(`SELECT "patientId", "actorId" FROM "AccessEvent"`);
      const body = JSON.stringify(h);
      for (const r of rows) expect(body).not.toContain(r.patientId);
    } finally {
      await sequencer.stop();
    }
  });

  it("reports each monitor consumer's watermark, the sealed leaves it has not read and when the oldest was sealed", async () => {
    await pool.query(`INSERT INTO "MonitorWatermark" (consumer, "ledgerIndex") VALUES ('rollups', 19), ('rules', 9)`);
    try {
      const h = await readHealth({ pool });
      const [rollups, rules] = h.checks.monitor.consumers;
      expect(rollups).toMatchObject({ name: "rollups", watermark: 19, leavesBehind: 0, oldestUnreadSealedAt: null });
      expect(rules).toMatchObject({ name: "rules", watermark: 9, leavesBehind: 10 });
      const { rows } = await pool.query(`SELECT "sealedAt" FROM "LedgerBlock" ORDER BY height LIMIT 1`);
      expect(rules!.oldestUnreadSealedAt).toBe((rows[0].sealedAt as Date).toISOString());
      expect(h.checks.monitor).toMatchObject({ status: "ok", message: "The monitor is 10 sealed leaves behind." });
    } finally {
      // The app's role may not delete watermarks; -1 is where a consumer starts.
      await pool.query(`UPDATE "MonitorWatermark" SET "ledgerIndex" = -1`);
    }
  });

  it("says the sequencer is behind when the oldest unsealed leaf waits, and that none is connected", async () => {
    await appendAccessEvents(pool, 3, 100);
    const su = await db.superuser();
    await su.query(`UPDATE "LedgerQueue" SET "recordedAt" = now() - interval '2 minutes'`);
    const h = await readHealth({ pool });
    expect(h.status).toBe("degraded");
    expect(h.checks.sequencer.status).toBe("degraded");
    expect(h.checks.sequencer.pendingLeaves).toBe(3);
    expect(h.checks.sequencer.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(119);
    expect(h.checks.sequencer.message).toMatch(/behind: 3 leaves wait/);
    await su.query(`UPDATE "LedgerQueue" SET "recordedAt" = now()`);
    await sealPending({ pool });
    const after = await readHealth({ pool });
    expect(after.checks.sequencer.message).toMatch(/No app instance is connected/);
  });

  it("is down with a 503-worthy rollback guard when the database is smaller than an issued checkpoint", async () => {
    const other = await createTestDatabase();
    const small = createLedgerPool(other.url, 2);
    try {
      // The same store of issued checkpoints as the first database, which is larger: an old backup.
      process.env.HL_CHECKPOINT_STATE_FILE = process.env.HL_CHECKPOINT_STATE_FILE!.replace(other.name, db.name);
      const h = await readHealth({ pool: small });
      expect(h.checks.rollbackGuard).toMatchObject({ status: "ok", state: "empty" }); // nothing to roll back
      await appendAccessEvents(small, 5);
      await sealPending({ pool: small });
      const rolled = await readHealth({ pool: small });
      expect(rolled.status).toBe("down");
      expect(rolled.checks.rollbackGuard.status).toBe("down");
      expect(rolled.checks.rollbackGuard.message).toMatch(/Patient data is refused/);
    } finally {
      await small.end();
    }
  });

  it("is down within the deadline when nothing listens on the database's port", async () => {
    const s = await listen((sock) => sock.destroy());
    await s.close();
    const gone = createLedgerPool(`postgresql://u:p@127.0.0.1:${s.port}/x`, 3, { connectionTimeoutMillis: 500 });
    try {
      const t = performance.now();
      const h = await readHealth({ pool: gone });
      expect(performance.now() - t).toBeLessThan(HEALTH_READ_TIMEOUT_MS + 500);
      expect(h.status).toBe("down");
      expect(h.checks.database.status).toBe("down");
      expect(h.checks.sequencer.status).toBe("unknown");
    } finally {
      await gone.end();
    }
  });

  it("is down within the deadline when the server accepts connections and never answers", async () => {
    const hung = await listen(() => {});
    const pool2 = createLedgerPool(`postgresql://u:p@127.0.0.1:${hung.port}/x`, 3);
    try {
      const t = performance.now();
      const h = await readHealth({ pool: pool2 });
      const took = performance.now() - t;
      expect(took).toBeGreaterThanOrEqual(HEALTH_READ_TIMEOUT_MS - 50);
      expect(took).toBeLessThan(HEALTH_READ_TIMEOUT_MS + 1_000);
      expect(h.status).toBe("down");
      expect(h.checks.database.message).toMatch(/did not answer in time/);
    } finally {
      await hung.close();
      await pool2.end().catch(() => {});
    }
  });

  it("says a replica that hangs is degraded, within the deadline, and still reports the primary", async () => {
    const hung = await listen(() => {});
    const replica = createLedgerPool(`postgresql://u:p@127.0.0.1:${hung.port}/x`, 2);
    try {
      const t = performance.now();
      const h = await readHealth({ pool, replicaPool: replica });
      expect(performance.now() - t).toBeLessThan(HEALTH_READ_TIMEOUT_MS + 1_000);
      expect(h.status).toBe("degraded");
      expect(h.checks.database.status).toBe("ok");
      expect(h.checks.replica).toMatchObject({ status: "degraded", reachable: false, replayLagSeconds: null });
      expect(h.checks.replica?.message).toMatch(/did not answer in time/);
      expect(JSON.stringify(h)).not.toContain(String(hung.port));
    } finally {
      await hung.close();
      await replica.end().catch(() => {});
    }
  });

  it("says a replica URL that reaches a primary is not a standby", async () => {
    const notStandby = createLedgerPool(db.url, 2);
    try {
      const h = await readHealth({ pool, replicaPool: notStandby });
      expect(h.checks.replica).toMatchObject({ status: "degraded", reachable: true, replayLagSeconds: null });
      expect(h.checks.replica?.message).toMatch(/not a standby/);
    } finally {
      await notStandby.end();
    }
  });
});
