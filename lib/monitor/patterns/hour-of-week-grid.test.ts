import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hourOfWeekGrid, shadeLevel } from "./hour-of-week-grid";

const at = (iso: string, events = 1) => ({ hour: new Date(iso), events });

describe("hourOfWeekGrid", () => {
  it("puts a UTC hour in the local weekday and hour of the zone", () => {
    // Monday 2026-01-05 23:00 UTC is Tuesday 00:00 in Berlin (UTC+1 in winter).
    const g = hourOfWeekGrid([at("2026-01-05T23:00:00Z", 4)], "Europe/Berlin");
    expect(g.cells[1][0]).toBe(4);
    expect(g.cells[0][23]).toBe(0);
    expect(g.total).toBe(4);
    expect(g.max).toBe(4);
  });

  it("follows daylight saving time: the same UTC hour is a later local hour in summer", () => {
    const winter = hourOfWeekGrid([at("2026-01-07T07:00:00Z")], "Europe/Berlin");
    const summer = hourOfWeekGrid([at("2026-07-08T07:00:00Z")], "Europe/Berlin");
    expect(winter.cells[2][8]).toBe(1); // Wednesday 08:00 CET
    expect(summer.cells[2][9]).toBe(1); // Wednesday 09:00 CEST
  });

  it("on the night clocks go back, two UTC hours share local 02:00", () => {
    // 2026-10-25: 00:00 and 01:00 UTC are 02:00 CEST and 02:00 CET, a Sunday.
    const g = hourOfWeekGrid([at("2026-10-25T00:00:00Z", 2), at("2026-10-25T01:00:00Z", 3)], "Europe/Berlin");
    expect(g.cells[6][2]).toBe(5);
  });

  it("west of Greenwich a Monday-morning UTC hour is still Sunday", () => {
    const g = hourOfWeekGrid([at("2026-03-02T03:00:00Z")], "America/New_York");
    expect(g.cells[6][22]).toBe(1); // Sunday 22:00 EST
  });

  it("keeps every event: the cells sum to the total for any rows and zone", () => {
    const zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            hour: fc.integer({ min: 0, max: 24 * 800 }).map((h) => new Date(Date.UTC(2025, 0, 1) + h * 3_600_000)),
            events: fc.integer({ min: 0, max: 1000 }),
          }),
          { maxLength: 200 },
        ),
        fc.constantFrom(...zones),
        (rows, zone) => {
          const g = hourOfWeekGrid(rows, zone);
          const sum = rows.reduce((s, r) => s + r.events, 0);
          expect(g.cells.flat().reduce((s, n) => s + n, 0)).toBe(sum);
          expect(g.total).toBe(sum);
          expect(g.cells).toHaveLength(7);
          for (const day of g.cells) expect(day).toHaveLength(24);
        },
      ),
    );
  });
});

describe("shadeLevel", () => {
  it("is 0 only for an empty cell, the top level only for the busiest", () => {
    expect(shadeLevel(0, 10)).toBe(0);
    expect(shadeLevel(1, 1000)).toBe(1);
    expect(shadeLevel(10, 10)).toBe(5);
    expect(shadeLevel(9, 10)).toBe(5);
    expect(shadeLevel(5, 10)).toBe(3);
    expect(shadeLevel(3, 0)).toBe(0);
  });
});
