// The HIPAA breach risk assessment's conclusion, and what a determination requires of it
// (45 CFR 164.402): an impermissible use is presumed a breach unless an exception of 164.402(1)
// applies or the four-factor assessment of 164.402(2) demonstrates a low probability that the PHI
// was compromised. Pure: tested on its own (breach-assessment.test.ts).
import type { TBreachException, TDetermination, TRiskFactor, TRiskLevel } from "./case-codes";

/** What an assessment commits to in the case's history and ledger leaf: codes only, no rationale. */
export type TAssessmentCodes = {
  levels: Record<TRiskFactor, TRiskLevel>;
  exceptions: TBreachException[];
  /** Derived by assessmentConclusion, stored so a reader need not re-derive it. */
  conclusion: TAssessmentConclusion;
};

export type TAssessmentConclusion = "exception" | "low_probability" | "presumed_breach";

export function assessmentConclusion(a: Pick<TAssessmentCodes, "levels" | "exceptions">): TAssessmentConclusion {
  if (a.exceptions.length > 0) return "exception";
  return Object.values(a.levels).every((l) => l === "low") ? "low_probability" : "presumed_breach";
}

export type TDeterminationCheck = { ok: true } | { ok: false; code: string; message: string };

/**
 * Whether the case's latest assessment supports a determination: "breach" needs an assessment on
 * record; "violation_not_breach" needs one that found an exception or a low probability (otherwise
 * the law presumes a breach); "explained" and "referred" need none.
 */
export function checkDetermination(
  determination: TDetermination,
  assessment: Pick<TAssessmentCodes, "conclusion"> | null,
): TDeterminationCheck {
  if (determination === "breach" && !assessment)
    return {
      ok: false,
      code: "assessment_required",
      message: "Record the breach risk assessment (45 CFR 164.402(2)) before determining a breach.",
    };
  if (determination === "violation_not_breach") {
    if (!assessment)
      return {
        ok: false,
        code: "assessment_required",
        message: "A violation is presumed a breach: record the risk assessment that shows otherwise first.",
      };
    if (assessment.conclusion === "presumed_breach")
      return {
        ok: false,
        code: "assessment_presumes_breach",
        message:
          "The latest assessment does not show a low probability of compromise and names no exception: this is presumed a breach.",
      };
  }
  return { ok: true };
}
