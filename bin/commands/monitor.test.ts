import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { acknowledgePrivacyAlert } from "@/lib/monitor/acknowledge-privacy-alert";
import { seedRulesHistory, writeHistoryEvents, type TRulesHistory } from "@/lib/monitor/testing/rules-history";
import { createTestDatabase, type TTestDatabase } from "@/test/db";

const run = promisify(execFile);
let db: TTestDatabase;
let pool: LedgerPool;
let history: TRulesHistory;

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "bin/healthledger.ts", ...args],
      { env: { ...process.env, DATABASE_URL: db.url } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const rollups = async () =>
  (
    await pool.query(
      `SELECT 'h' AS t, hour::text AS k, type || subtype || outcome || department AS d, events AS n FROM "AccessHourlyRollup"
       UNION ALL SELECT 'a', hour::text, "actorId"::text, events FROM "ActorHourlyRollup"
       UNION ALL SELECT 'p', day::text, "actorId"::text || "patientId"::text, events FROM "ActorPatientDailyRollup"
       ORDER BY 1, 2, 3, 4`,
    )
  ).rows;
const alerts = async () =>
  (
    await pool.query(
      `SELECT id, "ruleId", "actorId", "patientId", day::text, status FROM "PrivacyAlert" WHERE kind = 'rule' ORDER BY id`,
    )
  ).rows;
const watermarks = async () =>
  (await pool.query(`SELECT consumer, "ledgerIndex"::int AS i FROM "MonitorWatermark" ORDER BY 1`)).rows;
const lastLeaf = async () => (await pool.query(`SELECT max("index")::int AS i FROM "LedgerEntry"`)).rows[0].i;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 2);
  history = await seedRulesHistory(db.prisma, pool);
  await sealPending({ pool });
});
afterAll(async () => {
  await pool.end();
});

describe("healthledger monitor backfill", () => {
  it("brings the rollups and the rules up to the last sealed leaf and says how fast", async () => {
    const r = await cli("monitor", "backfill");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rollups: [\d,]+ events in [\d.]+ s \([\d,]+ events\/s\)$/m);
    expect(r.stdout).toMatch(/^rules: [\d,]+ events in [\d.]+ s \([\d,]+ events\/s\)$/m);
    const found = await alerts();
    for (const p of history.planted)
      expect(found).toContainEqual(
        expect.objectContaining({ ruleId: p.ruleId, actorId: p.actorId, patientId: p.patientId }),
      );
    // The raising transitions were sealed by the command: every watermark is at the last leaf
    // before them, and nothing is left queued.
    expect(await db.prisma.ledgerQueue.count()).toBe(0);
    const last = await lastLeaf();
    for (const w of await watermarks()) expect(w.i).toBeLessThanOrEqual(last);
  });

  it("rebuilds the rollups from scratch, keeps every alert (those worked on too) and raises none twice", async () => {
    const officer = await db.prisma.user.findUniqueOrThrow({ where: { email: "compliance@healthledger.test" } });
    const worked = (await alerts())[0]!;
    await acknowledgePrivacyAlert(db.prisma, { alertId: worked.id, userId: officer.id });
    await sealPending({ pool });
    const [beforeRollups, beforeAlerts] = [await rollups(), await alerts()];
    expect(beforeAlerts.find((a) => a.id === worked.id)?.status).toBe("closed");

    const r = await cli("monitor", "backfill", "--from-scratch");
    expect(r.code).toBe(0);
    expect(await rollups()).toEqual(beforeRollups);
    expect(await alerts()).toEqual(beforeAlerts);
    const last = await lastLeaf();
    expect(await watermarks()).toEqual([
      { consumer: "rollups", i: last },
      { consumer: "rules", i: last },
    ]);
  });

  it("backfills one consumer by name and refuses an unknown one", async () => {
    const one = await cli("monitor", "backfill", "--consumer", "rules", "--from-scratch");
    expect(one.code).toBe(0);
    expect(one.stdout).not.toMatch(/^rollups:/m);
    expect(one.stdout).toMatch(/^rules: /m);
    const bad = await cli("monitor", "backfill", "--consumer", "nope");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('No monitor consumer "nope": choose one of rollups, rules.');
  });
});

describe("healthledger monitor follow", () => {
  it("follows what is sealed while it runs, at the CPU priority asked for, and stops on SIGTERM", async () => {
    // node itself rather than the tsx wrapper, so the pid is the follower's own.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "bin/healthledger.ts", "monitor", "follow", "--nice", "5"],
      { env: { ...process.env, DATABASE_URL: db.url }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    try {
      await expect
        .poll(() => stdout, { timeout: 30_000 })
        .toMatch(/^following the ledger: rollups and rules, nice \d+/m);
      expect(os.getPriority(child.pid)).toBe(Math.min(19, os.getPriority() + 5));

      const now = Date.now();
      await writeHistoryEvents(
        pool,
        Array.from({ length: 30 }, (_, i) => ({
          actorId: history.staff[i % 4]!,
          patientId: history.patients[i % 6]!,
          at: new Date(now - 60_000 + i * 1_000),
        })),
      );
      await sealPending({ pool });
      const last = await lastLeaf();
      await expect.poll(async () => (await watermarks()).map((w) => w.i), { timeout: 30_000 }).toEqual([last, last]);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = (await once(child, "exit")) as [number | null];
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^stopped$/m);
  });

  it("refuses a nice value it cannot apply", async () => {
    const r = await cli("monitor", "follow", "--nice", "40");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("must be a whole number from 1 to 19");
  });
});
