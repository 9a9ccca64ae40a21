import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { acknowledgePrivacyAlert } from "@/lib/monitor/acknowledge-privacy-alert";
import { seedRulesHistory, type TRulesHistory } from "@/lib/monitor/testing/rules-history";
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
