import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isKnownTimeZone, localTime } from "./local-time";

describe("localTime", () => {
  it("follows Berlin across the spring-forward gap and the autumn repeat", () => {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    expect(localTime("Europe/Berlin", new Date("2026-03-29T00:59:00Z"))).toMatchObject({ hour: 1, minute: 59 });
    expect(localTime("Europe/Berlin", new Date("2026-03-29T01:00:00Z"))).toMatchObject({ hour: 3, minute: 0 });
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00 UTC); 02:30 happens twice.
    expect(localTime("Europe/Berlin", new Date("2026-10-25T00:30:00Z"))).toMatchObject({ hour: 2, minute: 30 });
    expect(localTime("Europe/Berlin", new Date("2026-10-25T01:30:00Z"))).toMatchObject({ hour: 2, minute: 30 });
  });

  it("gives the local day and the ISO hour of the week", () => {
    // Sunday 2026-11-01 23:30 in New York (EST, UTC−5) is Monday 04:30 UTC.
    expect(localTime("America/New_York", new Date("2026-11-02T04:30:00Z"))).toEqual({
      day: "2026-11-01",
      weekday: 7,
      hour: 23,
      minute: 30,
      hourOfWeek: 6 * 24 + 23,
    });
  });

  it("handles a half-hour zone and its half-hour DST shift (Lord Howe)", () => {
    // 2026-10-04 02:00 LHST (+10:30) becomes 02:30 LHDT (+11); 15:30 UTC on the 3rd.
    expect(localTime("Australia/Lord_Howe", new Date("2026-10-03T15:29:00Z"))).toMatchObject({ hour: 1, minute: 59 });
    expect(localTime("Australia/Lord_Howe", new Date("2026-10-03T15:30:00Z"))).toMatchObject({ hour: 2, minute: 30 });
  });

  it("agrees with Intl's own formatting at any instant, in zones with and without DST", () => {
    const zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }),
        (zone, ms) => {
          const parts = Object.fromEntries(
            new Intl.DateTimeFormat("en-US", {
              timeZone: zone,
              hourCycle: "h23",
              year: "numeric",
              month: "2-digit",
              day: "2-digit",
              hour: "2-digit",
              minute: "2-digit",
              weekday: "short",
            })
              .formatToParts(new Date(ms))
              .map((p) => [p.type, p.value]),
          );
          const t = localTime(zone, new Date(ms));
          expect(t.day).toBe(`${parts.year}-${parts.month}-${parts.day}`);
          expect(t.hour).toBe(Number(parts.hour));
          expect(t.minute).toBe(Number(parts.minute));
          expect(t.weekday).toBe(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday!) + 1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("knows IANA zones and refuses made-up ones", () => {
    expect(isKnownTimeZone("Europe/Berlin")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
