// The lookback cache must change nothing the rules see: on a real PostgreSQL, every step's
// lookback and start time from the cache equal what the database gives, with small steps (windows
// cross steps), two instances taking turns, a step that never committed, and events sealed out of
// recorded order; and the cache must actually answer most steps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { checkingConsumer, runSteps } from "../testing/checking-consumer";
import { seedRulesHistory, writeHistoryEvents, type TRulesHistory } from "../testing/rules-history";
import { newLookbackCache } from "./lookback-cache";

let db: TTestDatabase;
let pool: LedgerPool;
let history: TRulesHistory;
const HOUR = 3_600_000;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 2);
  history = await seedRulesHistory(db.prisma, pool);
  // Three hours of steady work in time order, 50 events per transaction, so windows cross steps…
  const now = Date.now();
  const work = Array.from({ length: 400 }, (_, i) => ({
    actorId: history.staff[i % 8]!,
    patientId: history.patients[(i * 7) % 12]!,
    at: new Date(now - 3 * HOUR + i * 27_000),
    outcome: i % 11 === 0 ? "4" : "0",
  }));
  for (let i = 0; i < work.length; i += 50) await writeHistoryEvents(pool, work.slice(i, i + 50));
  // …then events sealed after it but recorded days and hours before its end: out of recorded order.
  await writeHistoryEvents(pool, [
    { actorId: history.staff[1]!, patientId: history.patients[2]!, at: new Date(now - 3 * 24 * HOUR) },
    { actorId: history.staff[2]!, patientId: history.patients[3]!, at: new Date(now - 2 * HOUR), outcome: "4" },
    { actorId: history.staff[1]!, patientId: history.patients[4]!, at: new Date(now - 5 * 60_000) },
  ]);
  await sealPending({ pool });
});
afterAll(async () => {
  await pool.end();
});

describe("the rules' lookback cache", () => {
  it("gives every step of one instance the database's lookback, and answers most steps itself", async () => {
    const { consumer, stats } = checkingConsumer("lookback-one", newLookbackCache());
    await runSteps(pool, [consumer], 20);
    expect(stats.steps).toBeGreaterThan(20);
    expect(stats.compared).toBeGreaterThan(0);
    expect(stats.reads).toBeLessThan(stats.steps / 2);
  });

  it("stays exact when two instances take turns, each with its own cache", async () => {
    const a = checkingConsumer("lookback-two", newLookbackCache());
    const b = checkingConsumer("lookback-two", newLookbackCache());
    await runSteps(pool, [a.consumer, b.consumer], 15);
    expect(a.stats.steps + b.stats.steps).toBeGreaterThan(20);
  });

  it("stays exact after steps that never committed", async () => {
    const { consumer, stats } = checkingConsumer("lookback-failing", newLookbackCache(), {
      fail: (step) => step % 7 === 3,
    });
    await runSteps(pool, [consumer], 17);
    expect(stats.steps).toBeGreaterThan(20);
  });
});
