import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { signIn } from "./sign-in";
import { countUnknownAccountFailure, flushUnknownAccountFailures } from "./unknown-account-failures";

let db: TTestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});

const unknownEvents = () =>
  db.prisma.accessEvent.findMany({
    where: { type: "110114", outcomeDesc: { startsWith: "unknown account" } },
    orderBy: { network: "asc" },
  });

/**
 * `n` failed sign-ins for accounts that do not exist: a few through signIn itself (each spends a
 * dummy scrypt hash, too slow for hundreds here), the rest, all at once, through the counter signIn calls.
 */
async function failures(n: number, network: string, now: Date) {
  const through = Math.min(n, 2);
  for (let i = 0; i < through; i++)
    expect(await signIn(db.prisma, { email: `nobody-${i}@example.org`, password: "guess" }, { network, now })).toEqual({
      ok: false,
      message: "Invalid email or password.",
    });
  await Promise.all(Array.from({ length: n - through }, () => countUnknownAccountFailure(db.prisma, { network, now })));
}

describe("failed sign-ins for unknown accounts", () => {
  it("200 from one address in a minute are one row and, once the minute closes, one anchored event with the count", async () => {
    const minute = new Date("2026-12-03T10:41:00Z");
    const queued = await db.prisma.ledgerQueue.count();
    await failures(200, "198.51.100.4", new Date(minute.getTime() + 5_000));
    await failures(3, "203.0.113.8", new Date(minute.getTime() + 59_000));
    expect(await db.prisma.signInFailureTally.count()).toBe(2);
    expect(await unknownEvents()).toHaveLength(0);

    expect(await flushUnknownAccountFailures(db.prisma, new Date(minute.getTime() + 60_000))).toBe(2);
    const events = await unknownEvents();
    expect(events.map((e) => [e.network, e.outcome, e.outcomeDesc])).toEqual([
      ["198.51.100.4", "4", "unknown account: 200 attempts in the minute from 2026-12-03T10:41Z"],
      ["203.0.113.8", "4", "unknown account: 3 attempts in the minute from 2026-12-03T10:41Z"],
    ]);
    expect(await db.prisma.ledgerQueue.count()).toBe(queued + 2);
    expect(await db.prisma.signInFailureTally.count()).toBe(0);
    // Flushed once: a second flush (another instance) anchors nothing more.
    expect(await flushUnknownAccountFailures(db.prisma, new Date(minute.getTime() + 120_000))).toBe(0);
  });

  it("a failure in a later minute anchors the closed ones on its way", async () => {
    const t = new Date("2026-12-03T11:00:30Z");
    await failures(2, "192.0.2.50", t);
    await failures(1, "192.0.2.50", new Date(t.getTime() + 60_000));
    const events = (await unknownEvents()).filter((e) => e.network === "192.0.2.50");
    expect(events.map((e) => e.outcomeDesc)).toEqual([
      "unknown account: 2 attempts in the minute from 2026-12-03T11:00Z",
    ]);
    expect(await db.prisma.signInFailureTally.findMany({ select: { source: true, count: true } })).toEqual([
      { source: "192.0.2.50", count: 1 },
    ]);
  });
});
