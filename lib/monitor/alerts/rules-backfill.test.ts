// What the rules keep between steps (the lookback of recent events, the day's shared baselines)
// must change nothing they find: the same history backfilled with and without the lookback cache
// raises exactly the same alerts, cited events and details included; and a fact written between
// two steps of one consumer (a patient flag, a care-team change, an account status) is seen by the
// next step.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccountStatus } from "@/lib/auth/record-account-status";
import { changeCareTeam } from "@/lib/access/care-team/change-care-team";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { flagPatient } from "@/lib/vault/flag-patient";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { backfillMonitor } from "../backfill-monitor";
import { rollupConsumer } from "../rollups/rollup-consumer";
import { seedRulesHistory, writeHistoryEvents, type TRulesHistory } from "../testing/rules-history";
import { catchUpConsumer, type TMonitorConsumer } from "../watermark/advance-consumer";
import { createRulesConsumer } from "./rules-consumer";

let db: TTestDatabase;
let pool: LedgerPool;
let history: TRulesHistory;
let dba: pg.ClientBase;
let officerId: string;
const HOUR = 3_600_000;

async function allAlerts() {
  const { rows } = await pool.query(
    `SELECT "ruleId", "actorId", "patientId", to_char(day, 'YYYY-MM-DD') AS day, "reasonCode", severity,
            "eventIds"::text[] AS "eventIds", details, summary, "ruleSetHash"
       FROM "PrivacyAlert" WHERE kind = 'rule' ORDER BY 1, 2, 3, 4, 5`,
  );
  return rows;
}

/** The rules consumer with its lookback cache off: handed no step, it reads every lookback from the database. */
function withoutLookbackCache(rules: TMonitorConsumer): TMonitorConsumer {
  return { ...rules, handle: (client, events) => rules.handle(client, events) };
}

async function backfillFromScratch(rules: TMonitorConsumer, stepLeaves: number) {
  await dba.query(`DELETE FROM "PrivacyAlert" WHERE kind = 'rule'`);
  await backfillMonitor(pool, { consumer: "rules", fromScratch: true, consumers: [rollupConsumer, rules], stepLeaves });
  return allAlerts();
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 2);
  dba = await db.superuser();
  history = await seedRulesHistory(db.prisma, pool);
  officerId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "compliance@healthledger.test" } })).id;
  // Four hours of work in time order, 40 events a transaction: denials, browsing off the care team,
  // nights. Staff 6 and 7 are refused exactly five times in 15 minutes, once every three minutes,
  // across several steps: their repeated-denials alerts exist only if every step sees the earlier
  // refusals in its lookback.
  const now = Date.now();
  const quiet = new Set([history.staff[6]!, history.staff[7]!]);
  const work = Array.from({ length: 480 }, (_, i) => {
    const actorId = history.staff[i % 8]!;
    return {
      actorId,
      patientId: history.patients[(i * 5) % 12]!,
      at: new Date(now - 4 * HOUR + i * 30_000),
      outcome: !quiet.has(actorId) && (i % 9 === 0 || (i > 200 && i < 230)) ? "4" : "0",
    };
  });
  const refusals = [...quiet].flatMap((actorId, k) =>
    [0, 1, 2, 3, 4].map((j) => ({
      actorId,
      patientId: history.patients[j]!,
      at: new Date(now - (3 - k) * HOUR + j * 180_000 + 7_000),
      outcome: "4",
    })),
  );
  const ordered = [...work, ...refusals].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let i = 0; i < ordered.length; i += 40) await writeHistoryEvents(pool, ordered.slice(i, i + 40));
  await writeHistoryEvents(pool, [
    { actorId: history.staff[2]!, patientId: history.patients[7]!, at: new Date(now - 3 * HOUR) },
    { actorId: history.staff[4]!, patientId: history.patients[8]!, at: new Date(now - 26 * HOUR), outcome: "4" },
  ]);
  await sealPending({ pool });
});
afterAll(async () => {
  await pool.end();
});

describe("the rules backfill", () => {
  it("raises exactly the same alerts with the lookback cache as without it", async () => {
    const withCache = await backfillFromScratch(createRulesConsumer(), 23);
    const withoutCache = await backfillFromScratch(withoutLookbackCache(createRulesConsumer()), 23);
    expect(withCache.length).toBeGreaterThan(history.planted.length);
    expect(new Set(withCache.map((a) => a.ruleId)).size).toBeGreaterThan(4);
    for (const actorId of [history.staff[6], history.staff[7]])
      expect(withCache, `staff refused five times`).toContainEqual(
        expect.objectContaining({ ruleId: "repeated-denials", actorId }),
      );
    expect(withCache).toEqual(withoutCache);
  });

  it("finds a window completed by an event sealed before the earlier ones, whatever the step size", async () => {
    // Within one transaction events are sealed in the order the INSERT returned them, not in
    // recorded order, so a window's last event can be evaluated a step before the ones it follows.
    const key = (a: { ruleId: string; actorId: string; patientId: string | null; day: string }) =>
      `${a.ruleId} ${a.actorId} ${a.patientId} ${a.day}`;
    const small = await backfillFromScratch(createRulesConsumer(), 23);
    const whole = await backfillFromScratch(createRulesConsumer(), 100_000);
    expect(small.map(key)).toEqual(whole.map(key));
  });

  it("sees a patient flag, a care-team change and an account status written between two of its steps", async () => {
    const rules = createRulesConsumer();
    const step = async () => {
      await sealPending({ pool });
      await catchUpConsumer(pool, rollupConsumer);
      await catchUpConsumer(pool, rules);
    };
    await step();
    const [clinician, patient] = [history.clinician, history.patients[1]!];
    const soon = () => new Date(Date.now() + 1000);
    const vipAlerts = async () =>
      (await allAlerts()).filter((a) => a.ruleId === "vip" && a.actorId === clinician && a.patientId === patient);

    // A VIP flag: the clinician is on the patient's care team, so opening the chart raises nothing…
    await db.prisma.$transaction((tx) =>
      flagPatient(tx, { patientId: patient, flag: "vip", activeFrom: new Date(Date.now() - HOUR), byId: officerId }),
    );
    await writeHistoryEvents(pool, [{ actorId: clinician, patientId: patient, at: soon() }]);
    await step();
    expect(await vipAlerts()).toEqual([]);

    // …until they leave the care team: the next open is a VIP open off the care team.
    await db.prisma.$transaction((tx) =>
      changeCareTeam(tx, { patientId: patient, userId: clinician, change: "remove", byId: officerId }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await writeHistoryEvents(pool, [{ actorId: clinician, patientId: patient, at: soon() }]);
    await step();
    expect(await vipAlerts()).toHaveLength(1);

    // An account disabled between two steps acts in the second.
    const staff = history.staff[6]!;
    await db.prisma.$transaction((tx) =>
      recordAccountStatus(tx, { userId: staff, status: "disabled", byId: officerId }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await writeHistoryEvents(pool, [{ actorId: staff, patientId: history.patients[2]!, at: soon() }]);
    await step();
    expect((await allAlerts()).filter((a) => a.actorId === staff && a.ruleId === "account-status")).toContainEqual(
      expect.objectContaining({ reasonCode: "acted-while-disabled" }),
    );
  });
});
