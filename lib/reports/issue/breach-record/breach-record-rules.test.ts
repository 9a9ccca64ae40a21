import { describe, expect, it } from "vitest";
import { breachSectionOf, clockText, durationText, pastDueSeconds } from "./breach-record-rules";

describe("which cases the Art. 33 breach record lists", () => {
  // state, determination, latest assessment's conclusion → section
  const table = [
    ["determined", "breach", "presumed_breach", "breach"],
    ["closed", "breach", "presumed_breach", "breach"],
    ["closed", "breach", null, "breach"],
    ["investigating", null, "presumed_breach", "presumed_breach"],
    ["intake", null, "presumed_breach", "presumed_breach"],
    ["determined", "referred", "presumed_breach", "presumed_breach"],
    ["closed", "referred", "presumed_breach", "presumed_breach"],
    ["investigating", null, "low_probability", null],
    ["investigating", null, "exception", null],
    ["investigating", null, null, null],
    ["determined", "explained", "presumed_breach", null],
    ["determined", "violation_not_breach", "low_probability", null],
    ["closed", "explained", "presumed_breach", null],
    ["closed", null, "presumed_breach", null],
    ["closed", "referred", "low_probability", null],
  ] as const;
  it.each(table)("%s, determined %s, assessed %s → %s", (state, determination, conclusion, section) => {
    expect(breachSectionOf({ state, determination, conclusion })).toBe(section);
  });
});

describe("a clock as the record states it", () => {
  const due = new Date("2026-03-04T10:00:00Z");
  const asOf = new Date("2026-03-06T13:30:00Z");
  it("counts how far past the deadline a late or overdue clock is, and nothing otherwise", () => {
    const late = new Date("2026-03-04T15:20:00Z");
    expect(pastDueSeconds({ status: "late", dueAt: due, notifiedAt: late, asOf })).toBe(5 * 3600 + 20 * 60);
    expect(pastDueSeconds({ status: "overdue", dueAt: due, notifiedAt: null, asOf })).toBe(2 * 86_400 + 3.5 * 3600);
    for (const status of ["met", "running", "stopped"] as const)
      expect(pastDueSeconds({ status, dueAt: due, notifiedAt: null, asOf })).toBeNull();
    expect(clockText({ status: "late", dueAt: due, notifiedAt: late, asOf })).toBe("notified late by 5 h 20 min");
    expect(clockText({ status: "overdue", dueAt: due, notifiedAt: null, asOf })).toBe(
      "OVERDUE by 2 d 3 h, not notified",
    );
    expect(clockText({ status: "met", dueAt: due, notifiedAt: new Date("2026-03-03T10:00:00Z"), asOf })).toBe(
      "met, notified 1 d 0 h before the deadline",
    );
    expect(clockText({ status: "running", dueAt: asOf, notifiedAt: null, asOf: due })).toMatch(
      /^running, 2 d 3 h left$/,
    );
  });
  it("words durations down to the minute", () => {
    expect(durationText(59)).toBe("0 min");
    expect(durationText(3599)).toBe("59 min");
    expect(durationText(3600)).toBe("1 h 0 min");
    expect(durationText(90_061)).toBe("1 d 1 h");
  });
});
