import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACCOUNTING_EXCLUSIONS, applyExclusions, exclusionOf } from "./accounting-exclusions";
import { groupRepeated } from "./repeated-disclosures";

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("the exclusions of 164.528(a)(1)", () => {
  it("removes entries by legal basis and by date, naming every exclusion with its count", () => {
    const { accounted, exclusions } = applyExclusions([
      { legalBasis: "public_health", disclosedAt: at("2020-01-01") },
      { legalBasis: "tpo", disclosedAt: at("2020-01-01") },
      { legalBasis: "tpo", disclosedAt: at("2021-01-01") },
      { legalBasis: "national_security", disclosedAt: at("2021-01-01") },
      { legalBasis: "judicial", disclosedAt: at("2003-04-13") },
      { legalBasis: "judicial", disclosedAt: at("2003-04-14") },
    ]);
    expect(accounted.map((e) => e.disclosedAt.toISOString().slice(0, 10))).toEqual(["2020-01-01", "2003-04-14"]);
    expect(exclusions.map((x) => x.code)).toEqual(ACCOUNTING_EXCLUSIONS.map((x) => x.code));
    expect(Object.fromEntries(exclusions.filter((x) => x.removed).map((x) => [x.code, x.removed]))).toEqual({
      tpo: 2,
      national_security: 1,
      before_compliance_date: 1,
    });
  });

  it("accounts every accountable basis, and counts add up", () => {
    const bases = [
      "public_health",
      "law_enforcement",
      "judicial",
      "tpo",
      "to_individual",
      "correctional",
      "impermissible",
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            legalBasis: fc.constantFrom(...bases),
            disclosedAt: fc.date({ min: at("2000-01-01"), max: at("2030-01-01"), noInvalidDate: true }),
          }),
        ),
        (entries) => {
          const { accounted, exclusions } = applyExclusions(entries);
          expect(accounted.length + exclusions.reduce((n, x) => n + x.removed, 0)).toBe(entries.length);
          for (const e of accounted) expect(exclusionOf(e)).toBeNull();
        },
      ),
    );
  });
});

describe("repeated disclosures (164.528(b)(3))", () => {
  const e = (day: string, recipientName: string, purpose = "Report", legalBasis = "public_health") => ({
    disclosedAt: at(day),
    recipientName,
    purpose,
    legalBasis,
  });
  it("groups one recipient and purpose, whatever the case and spacing, with first, count, frequency and last", () => {
    const groups = groupRepeated([
      e("2024-03-01", "County Health"),
      e("2024-01-01", "county  health "),
      e("2024-01-31", "County Health"),
      e("2024-02-01", "County Health", "Another purpose"),
      e("2024-02-01", "County Health", "Report", "judicial"),
    ]);
    expect(
      groups.map((g) => [
        g.first.disclosedAt.toISOString().slice(0, 10),
        g.count,
        g.everyDays,
        g.last.disclosedAt.toISOString().slice(0, 10),
      ]),
    ).toEqual([
      ["2024-01-01", 3, 30, "2024-03-01"],
      ["2024-02-01", 1, null, "2024-02-01"],
      ["2024-02-01", 1, null, "2024-02-01"],
    ]);
  });
});
