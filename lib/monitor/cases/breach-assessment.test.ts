import { describe, expect, it } from "vitest";
import { assessmentConclusion, checkDetermination } from "./breach-assessment";
import type { TRiskLevel } from "./case-codes";

const levels = (l: TRiskLevel, acquired: TRiskLevel = l) => ({ nature: l, recipient: l, acquired, mitigation: l });

describe("breach risk assessment", () => {
  it.each([
    ["all four factors low", levels("low"), [], "low_probability"],
    ["one factor medium", levels("low", "medium"), [], "presumed_breach"],
    ["all high", levels("high"), [], "presumed_breach"],
    ["an exception, whatever the factors", levels("high"), ["good_faith_workforce"], "exception"],
  ] as const)("%s → %s", (_n, l, exceptions, expected) => {
    expect(assessmentConclusion({ levels: l, exceptions: [...exceptions] })).toBe(expected);
  });

  it.each([
    ["breach", null, "assessment_required"],
    ["breach", "presumed_breach", "ok"],
    ["breach", "low_probability", "ok"],
    ["violation_not_breach", null, "assessment_required"],
    ["violation_not_breach", "presumed_breach", "assessment_presumes_breach"],
    ["violation_not_breach", "low_probability", "ok"],
    ["violation_not_breach", "exception", "ok"],
    ["explained", null, "ok"],
    ["referred", null, "ok"],
  ] as const)("%s with %s → %s", (determination, conclusion, expected) => {
    const r = checkDetermination(determination, conclusion ? { conclusion } : null);
    expect(r.ok ? "ok" : r.code).toBe(expected);
  });
});
