import { describe, expect, it } from "vitest";
import { describeShifts } from "./describe-shifts";

const week = (days: number[], start: string, end: string) => days.map((weekday) => ({ weekday, start, end }));

describe("describeShifts", () => {
  it("names runs of weekdays that share hours, and says when a shift runs past midnight", () => {
    expect(describeShifts(week([1, 2, 3, 4, 5], "07:00", "19:00"))).toBe("Mon–Fri 07:00–19:00");
    expect(describeShifts([...week([6, 7], "19:00", "07:00"), ...week([1, 3], "08:00", "16:00")])).toBe(
      "Mon, Wed 08:00–16:00; Sat, Sun 19:00–07:00 (into the next day)",
    );
    expect(describeShifts(week([1, 2, 3, 5, 6, 7], "00:00", "00:00"))).toBe(
      "Mon–Wed, Fri–Sun 00:00–00:00 (into the next day)",
    );
    expect(describeShifts([])).toBe("No shifts on file");
  });
});
