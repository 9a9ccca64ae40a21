// The exclusions of 45 CFR 164.528(a)(1) as this system can tell them: by the legal basis a
// register entry was recorded under (lib/access/disclosures/disclosure-input.ts), or by its date
// (before the compliance date). An entry no exclusion matches is accounted for. Pure, so the
// rule is tested without a database.
import type { TLegalBasis } from "@/lib/access/disclosures/disclosure-input";

/** 164.534: covered entities other than small health plans had to comply from 14 April 2003. */
export const PRIVACY_RULE_COMPLIANCE_DATE = new Date("2003-04-14T00:00:00Z");

export type TExclusion = {
  code: string;
  /** The paragraph of 164.528(a)(1). */
  rule: string;
  label: string;
  /** How the register tells an entry is excluded. */
  test: { legalBasis: TLegalBasis } | { before: Date };
};

export const ACCOUNTING_EXCLUSIONS: readonly TExclusion[] = [
  {
    code: "tpo",
    rule: "164.528(a)(1)(i)",
    label: "Treatment, payment and health care operations",
    test: { legalBasis: "tpo" },
  },
  {
    code: "to_individual",
    rule: "164.528(a)(1)(ii)",
    label: "To the individual",
    test: { legalBasis: "to_individual" },
  },
  {
    code: "incidental",
    rule: "164.528(a)(1)(iii)",
    label: "Incident to a permitted use or disclosure",
    test: { legalBasis: "incidental" },
  },
  {
    code: "authorization",
    rule: "164.528(a)(1)(iv)",
    label: "Under an authorization",
    test: { legalBasis: "authorization" },
  },
  {
    code: "facility_directory",
    rule: "164.528(a)(1)(v)",
    label: "Facility directory",
    test: { legalBasis: "facility_directory" },
  },
  {
    code: "involved_in_care",
    rule: "164.528(a)(1)(v)",
    label: "Persons involved in care, notification",
    test: { legalBasis: "involved_in_care" },
  },
  {
    code: "national_security",
    rule: "164.528(a)(1)(vi)",
    label: "National security or intelligence",
    test: { legalBasis: "national_security" },
  },
  {
    code: "correctional",
    rule: "164.528(a)(1)(vii)",
    label: "Correctional institutions, law enforcement custody",
    test: { legalBasis: "correctional" },
  },
  {
    code: "limited_data_set",
    rule: "164.528(a)(1)(viii)",
    label: "Limited data set",
    test: { legalBasis: "limited_data_set" },
  },
  {
    code: "before_compliance_date",
    rule: "164.528(a)(1)(ix)",
    label: "Before the compliance date (14 April 2003)",
    test: { before: PRIVACY_RULE_COMPLIANCE_DATE },
  },
];

export type TExclusionCount = { code: string; rule: string; label: string; removed: number };

/** The exclusion an entry falls under, the first that matches, or null when it is accounted for. */
export function exclusionOf(entry: { legalBasis: string; disclosedAt: Date }): TExclusion | null {
  for (const x of ACCOUNTING_EXCLUSIONS) {
    if ("legalBasis" in x.test ? entry.legalBasis === x.test.legalBasis : entry.disclosedAt < x.test.before) return x;
  }
  return null;
}

/** Splits entries into those accounted for and a count per exclusion (every exclusion listed, zeros too). */
export function applyExclusions<T extends { legalBasis: string; disclosedAt: Date }>(
  entries: readonly T[],
): { accounted: T[]; exclusions: TExclusionCount[] } {
  const removed = new Map<string, number>();
  const accounted: T[] = [];
  for (const e of entries) {
    const x = exclusionOf(e);
    if (x) removed.set(x.code, (removed.get(x.code) ?? 0) + 1);
    else accounted.push(e);
  }
  return {
    accounted,
    exclusions: ACCOUNTING_EXCLUSIONS.map(({ code, rule, label }) => ({
      code,
      rule,
      label,
      removed: removed.get(code) ?? 0,
    })),
  };
}
