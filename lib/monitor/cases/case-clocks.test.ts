import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CASE_CLOCK_RULES, computeClocks, dueAt, nearestClock, type TClockRule } from "./case-clocks";
import { addBusinessDays, addCalendarDays, zonedParts } from "./zoned-time";

const rule = (id: string) => CASE_CLOCK_RULES.find((r) => r.id === id)!;
const iso = (d: Date) => d.toISOString();

describe("notification deadlines", () => {
  it("GDPR is 72 hours on the dot, DST or not", () => {
    expect(iso(dueAt(rule("gdpr_art33"), new Date("2026-03-07T15:00:00Z")))).toBe("2026-03-10T15:00:00.000Z");
  });

  it("HIPAA's 60 calendar days keep the New York wall time across the March DST change", () => {
    // 10:00 EST (UTC-5) on 20 Jan + 60 days = 21 March, 10:00 EDT (UTC-4).
    expect(iso(dueAt(rule("hipaa_individual"), new Date("2026-01-20T15:00:00Z")))).toBe("2026-03-21T14:00:00.000Z");
  });

  it("HIPAA's 60 days cross month ends and a leap day", () => {
    // 31 Dec 2027 12:00 EST + 60 days = 29 Feb 2028 12:00 EST.
    expect(iso(dueAt(rule("hipaa_individual"), new Date("2027-12-31T17:00:00Z")))).toBe("2028-02-29T17:00:00.000Z");
  });

  it("counts business days as weekdays in Los Angeles, across the November DST change", () => {
    // Friday 30 Oct 2026 09:00 PDT; 15 weekdays later is Friday 20 Nov, 09:00 PST.
    expect(iso(dueAt(rule("ca_hsc_1280_15"), new Date("2026-10-30T16:00:00Z")))).toBe("2026-11-20T17:00:00.000Z");
    // Discovered on a Saturday: the first business day is Monday.
    expect(iso(addBusinessDays(new Date("2026-12-05T18:00:00Z"), 1, "America/Los_Angeles"))).toBe(
      "2026-12-07T18:00:00.000Z",
    );
  });

  it("never lands a business-day deadline on a weekend, and keeps the local time", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 40 }),
        (at, n) => {
          const due = addBusinessDays(at, n, "America/Los_Angeles");
          const p = zonedParts(due, "America/Los_Angeles");
          const wd = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
          expect(wd === 0 || wd === 6).toBe(false);
          expect(due > at).toBe(true);
          const q = zonedParts(at, "America/Los_Angeles");
          // The same wall time, except when it falls in a spring-forward gap (then an hour later).
          if (q.hh !== 2) expect([p.hh, p.mm]).toEqual([q.hh, q.mm]);
          expect(due.getTime() - at.getTime()).toBeLessThanOrEqual(
            (n + 2 + Math.ceil(n / 5) * 2) * 86_400_000 + 3_600_000,
          );
        },
      ),
    );
  });

  it("adds calendar days in a zone as whole local days (23, 24 or 25 hours each)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }), (at) => {
        const h = (addCalendarDays(at, 1, "America/New_York").getTime() - at.getTime()) / 3_600_000;
        expect([23, 24, 25]).toContain(h);
      }),
    );
  });
});

describe("clock status", () => {
  const discoveredAt = new Date("2026-12-01T12:00:00Z");
  const statuses = (o: Partial<Parameters<typeof computeClocks>[0]>) =>
    Object.fromEntries(
      computeClocks({ discoveredAt, determination: null, notifiedAt: null, now: discoveredAt, ...o }).map((c) => [
        c.rule.id,
        c.status,
      ]),
    );

  it("runs, then goes overdue", () => {
    expect(statuses({ now: new Date("2026-12-03T12:00:00Z") })).toEqual({
      gdpr_art33: "running",
      ca_hsc_1280_15: "running",
      hipaa_individual: "running",
    });
    expect(statuses({ now: new Date("2026-12-05T12:00:00Z") }).gdpr_art33).toBe("overdue");
  });

  it("stops when the case is determined not a breach, and keeps running when referred", () => {
    const later = new Date("2027-06-01T00:00:00Z");
    expect(Object.values(statuses({ determination: "explained", now: later }))).toEqual([
      "stopped",
      "stopped",
      "stopped",
    ]);
    expect(statuses({ determination: "violation_not_breach", now: later }).hipaa_individual).toBe("stopped");
    expect(statuses({ determination: "referred", now: later }).hipaa_individual).toBe("overdue");
  });

  it("is met or late once the notification is recorded", () => {
    expect(statuses({ notifiedAt: new Date("2026-12-10T12:00:00Z"), determination: "breach" })).toEqual({
      gdpr_art33: "late",
      ca_hsc_1280_15: "met",
      hipaa_individual: "met",
    });
  });

  it("names the earliest live deadline as the nearest", () => {
    const clocks = computeClocks({ discoveredAt, determination: null, notifiedAt: null, now: discoveredAt });
    expect(nearestClock(clocks)?.rule.id).toBe("gdpr_art33");
    const custom: TClockRule[] = [{ ...rule("hipaa_individual"), id: "x" }];
    expect(
      nearestClock(
        computeClocks({ discoveredAt, determination: "explained", notifiedAt: null, now: discoveredAt }, custom),
      ),
    ).toBeNull();
  });
});
