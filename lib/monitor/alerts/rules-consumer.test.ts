import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadServerEnv } from "@/lib/config/env";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { rollupConsumer } from "../rollups/rollup-consumer";
import { seedRulesHistory, writeHistoryEvents, type TRulesHistory } from "../testing/rules-history";
import { advanceConsumer, catchUpConsumer, type TMonitorConsumer } from "../watermark/advance-consumer";
import { createRulesConsumer } from "./rules-consumer";

let db: TTestDatabase;
let pool: LedgerPool;
let history: TRulesHistory;

type TAlertKey = { ruleId: string; actorId: string; patientId: string | null; day: string; reasonCode: string };

async function ruleAlerts(): Promise<TAlertKey[]> {
  const { rows } = await pool.query<TAlertKey>(
    `SELECT "ruleId", "actorId", "patientId", to_char(day, 'YYYY-MM-DD') AS day, "reasonCode"
       FROM "PrivacyAlert" WHERE kind = 'rule' ORDER BY 1, 2, 3, 4`,
  );
  return rows;
}

async function watermark(name: string): Promise<number> {
  const { rows } = await pool.query(`SELECT "ledgerIndex"::int AS i FROM "MonitorWatermark" WHERE consumer = $1`, [
    name,
  ]);
  return rows[0]?.i ?? -1;
}

const lastLeaf = async () => (await pool.query(`SELECT max("index")::int AS i FROM "LedgerEntry"`)).rows[0].i as number;

/** Every rule alert has exactly one raising transition, and each is anchored (sealed or queued). */
async function expectEachAlertRaisedOnce() {
  const { rows } = await pool.query(`
    SELECT a.id, count(t.id)::int AS raised,
           count(e."index")::int + count(q.id)::int AS anchored
      FROM "PrivacyAlert" a
      LEFT JOIN "PrivacyAlertTransition" t ON t."alertId" = a.id AND t."fromStatus" IS NULL
      LEFT JOIN "LedgerEntry" e ON e."rowId" = t.id AND e.kind = 'alert_transition'
      LEFT JOIN "LedgerQueue" q ON q."rowId" = t.id AND q.kind = 'alert_transition'
     GROUP BY a.id`);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r, `alert ${r.id}`).toMatchObject({ raised: 1, anchored: 1 });
}

async function catchUpAll(consumer: TMonitorConsumer) {
  await sealPending({ pool });
  await catchUpConsumer(pool, rollupConsumer);
  await catchUpConsumer(pool, consumer);
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  history = await seedRulesHistory(db.prisma, pool);
});
afterAll(async () => {
  await pool.end();
});

describe("the rules consumer", () => {
  it("finds every planted case without a key-encryption key that opens anything", async () => {
    const kek = process.env.HL_KEK;
    // A KEK other than the one that wrapped the patients' keys: the keys module refuses every
    // patient key, so any decryption on the evaluation path would fail the step.
    process.env.HL_KEK = crypto.randomBytes(32).toString("base64");
    reloadServerEnv();
    try {
      await expect(openPatientKey(db.prisma, history.patients[0]!)).rejects.toThrow();
      await catchUpAll(createRulesConsumer());
    } finally {
      process.env.HL_KEK = kek;
      reloadServerEnv();
    }
    const alerts = await ruleAlerts();
    for (const p of history.planted)
      expect(alerts, `${p.ruleId} by ${p.actorId}`).toContainEqual(
        expect.objectContaining({ ...p, ...(p.reasonCode ? { reasonCode: p.reasonCode } : {}) }),
      );
    // The denied look at a co-worker's chart was found as the allowed ones are.
    const coWorker = await db.prisma.privacyAlert.findFirstOrThrow({
      where: { ruleId: "co-worker", actorId: history.staff[3] },
    });
    const denied = await db.prisma.accessEvent.findMany({ where: { id: { in: coWorker.eventIds } } });
    expect(denied.map((e) => e.outcome)).toEqual(["4"]);
    expect(coWorker).toMatchObject({ status: "new", severity: "medium", priority: 3 });
    expect(coWorker.ruleSetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await watermark("rules")).toBe(await lastLeaf());
    await expectEachAlertRaisedOnce();
  });

  it("raises nothing twice when the same history is evaluated again from the start", async () => {
    const before = await ruleAlerts();
    const transitions = await db.prisma.privacyAlertTransition.count();
    await pool.query(`UPDATE "MonitorWatermark" SET "ledgerIndex" = -1 WHERE consumer = 'rules'`);
    await catchUpAll(createRulesConsumer());
    expect(await ruleAlerts()).toEqual(before);
    expect(await db.prisma.privacyAlertTransition.count()).toBe(transitions);
    expect(await watermark("rules")).toBe(await lastLeaf());
  });

  it("writes nothing and keeps its watermark when a step dies half-way, then finds each case once", async () => {
    const rules = createRulesConsumer();
    await writeHistoryEvents(pool, [
      // A second terminated-account act on another day would be a new alert: the same day is not.
      { actorId: history.staff[5]!, patientId: history.patients[3]!, at: new Date() },
      // staff 6 (a clinician) opens the VIP: a new case.
      { actorId: history.staff[6]!, patientId: history.patients[5]!, at: new Date() },
    ]);
    await sealPending({ pool });
    await catchUpConsumer(pool, rollupConsumer);
    const before = await ruleAlerts();
    const w0 = await watermark("rules");
    const dying: TMonitorConsumer = {
      ...rules,
      async handle(client, events) {
        await rules.handle(client, events);
        throw new Error("the process died here");
      },
    };
    await expect(advanceConsumer(pool, dying)).rejects.toThrow("the process died here");
    expect(await ruleAlerts()).toEqual(before);
    expect(await watermark("rules")).toBe(w0);
    await catchUpConsumer(pool, rules);
    const after = await ruleAlerts();
    const added = after.filter((a) => !before.some((b) => JSON.stringify(a) === JSON.stringify(b)));
    expect(added.length).toBe(after.length - before.length);
    expect(added.map((a) => a.actorId)).toEqual(added.map(() => history.staff[6]));
    expect(after).toContainEqual(
      expect.objectContaining({ ruleId: "vip", actorId: history.staff[6], patientId: history.patients[5] }),
    );
    await expectEachAlertRaisedOnce();
  });

  it("raises each finding once when instances step at the same time while more is sealed", async () => {
    const day = Date.now();
    const writing = (async () => {
      for (let i = 0; i < 4; i++) {
        await writeHistoryEvents(pool, [
          ...history.routine(new Date(day - 1000 * i)),
          // staff 7 opens a new patient off their care team each round
          { actorId: history.staff[7]!, patientId: history.patients[i]!, at: new Date(day - 1000 * i) },
        ]);
        await sealPending({ pool });
      }
    })();
    const instances = Array.from({ length: 3 }, () => createRulesConsumer());
    const stepping = instances.map(async (rules) => {
      for (let i = 0; i < 30; i++) {
        await advanceConsumer(pool, rollupConsumer, 7);
        await advanceConsumer(pool, rules, 5);
      }
    });
    await Promise.all([writing, ...stepping]);
    await catchUpAll(instances[0]!);
    const raced = await ruleAlerts();
    expect(await watermark("rules")).toBe(await lastLeaf());
    await expectEachAlertRaisedOnce();

    // The same history evaluated by one instance from the start finds the same alerts.
    await (await db.superuser()).query(`DELETE FROM "PrivacyAlert" WHERE kind = 'rule'`);
    await pool.query(`UPDATE "MonitorWatermark" SET "ledgerIndex" = -1 WHERE consumer = 'rules'`);
    await catchUpConsumer(pool, createRulesConsumer());
    expect(await ruleAlerts()).toEqual(raced);
  });

  it("leaves a ledger that verifies", async () => {
    await sealPending({ pool });
    expect((await verifyLedger()).findings).toEqual([]);
  });
});
