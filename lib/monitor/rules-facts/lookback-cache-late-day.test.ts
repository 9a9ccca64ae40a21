// A day sealed behind a day already evaluated (an import, a feed that was down): every step of the
// late day needs the evaluated day's hour before it. The cache must read the evaluated day about
// once, not everything recorded after the step again each time it outgrows the cache (which is
// what made ledger append with the monitor running fall to 0.46× at 10M events).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { checkingConsumer, runSteps } from "../testing/checking-consumer";
import { seedRulesHistory, writeHistoryEvents, type THistoryEvent } from "../testing/rules-history";
import { newLookbackCache } from "./lookback-cache";

let db: TTestDatabase;
let pool: LedgerPool;
const DAY = 24 * 3_600_000;
const EVALUATED = 1_200;
const LATE = 300;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 2);
  await seedRulesHistory(db.prisma, pool);
});
afterAll(async () => {
  await pool.end();
});

async function writeDay(o: { staff: string[]; patients: string[]; count: number; offset: number }) {
  const start = Date.now() - DAY;
  const events: THistoryEvent[] = Array.from({ length: o.count }, (_, i) => ({
    actorId: o.staff[(i + o.offset) % o.staff.length]!,
    patientId: o.patients[(i * 5 + o.offset) % o.patients.length]!,
    at: new Date(start + ((i + 0.5) * DAY) / o.count - o.offset * 1_000),
  }));
  for (let i = 0; i < events.length; i += 50) await writeHistoryEvents(pool, events.slice(i, i + 50));
  await sealPending({ pool });
}

describe("the rules' lookback cache, a day sealed late", () => {
  it("reads the evaluated day about once while stepping through the late one, and stays exact", async () => {
    const staff = (await db.prisma.user.findMany({ select: { id: true } })).map((u) => u.id);
    const patients = (await db.prisma.patient.findMany({ select: { id: true } })).map((p) => p.id);
    await writeDay({ staff, patients, count: EVALUATED, offset: 0 });
    // A cache that holds less than the evaluated day: what is recorded after the late day's first
    // steps is more than it holds.
    const { consumer, stats } = checkingConsumer("late-day", newLookbackCache((EVALUATED * 3) / 4));
    await runSteps(pool, [consumer], 10);
    const before = { ...stats };

    await writeDay({ staff, patients, count: LATE, offset: 7 });
    await runSteps(pool, [consumer], 10);
    const steps = stats.steps - before.steps;
    const rowsRead = stats.rowsRead - before.rowsRead;
    expect(steps).toBeGreaterThanOrEqual(LATE / 10);
    expect(stats.compared - before.compared).toBeGreaterThan(0);
    expect(rowsRead).toBeLessThan(2 * EVALUATED);
  });
});
