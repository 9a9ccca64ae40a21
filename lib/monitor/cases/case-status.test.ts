import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CASE_STATES, DETERMINATIONS, type TDetermination } from "./case-codes";
import { decideCaseChange, type TCaseChange, type TCaseFacts } from "./case-status";

const now = new Date("2026-12-06T12:00:00Z");
const opened = new Date("2026-12-05T09:00:00Z");
const base: TCaseFacts = {
  state: "intake",
  ownerId: null,
  discoveredAt: opened,
  discoveredHow: "rule_alert",
  determination: null,
  sanctionTier: null,
  notifiedAt: null,
  openedAt: opened,
  assessment: null,
};
const low = { conclusion: "low_probability" } as const;
const presumed = { conclusion: "presumed_breach" } as const;
const investigating: TCaseFacts = { ...base, state: "investigating" };
const determinedBreach: TCaseFacts = {
  ...investigating,
  state: "determined",
  determination: "breach",
  sanctionTier: 2,
  assessment: presumed,
};

describe("decideCaseChange", () => {
  it.each<[string, TCaseFacts, TCaseChange, string]>([
    ["intake starts the investigation", base, { action: "start_investigation" }, "investigating"],
    ["an investigation does not start twice", investigating, { action: "start_investigation" }, "wrong_state"],
    ["assessing waits for the investigation", base, { action: "assess" }, "wrong_state"],
    ["an investigated case is assessed", investigating, { action: "assess" }, "investigating"],
    [
      "a breach needs an assessment",
      investigating,
      { action: "determine", determination: "breach", sanctionTier: 2 },
      "assessment_required",
    ],
    [
      "a breach with an assessment is determined",
      { ...investigating, assessment: presumed },
      { action: "determine", determination: "breach", sanctionTier: 2 },
      "determined",
    ],
    [
      "not a breach needs a low probability or an exception",
      { ...investigating, assessment: presumed },
      { action: "determine", determination: "violation_not_breach", sanctionTier: 1 },
      "assessment_presumes_breach",
    ],
    [
      "not a breach with a low probability",
      { ...investigating, assessment: low },
      { action: "determine", determination: "violation_not_breach", sanctionTier: 1 },
      "determined",
    ],
    [
      "explained needs no assessment",
      investigating,
      { action: "determine", determination: "explained", sanctionTier: 0 },
      "determined",
    ],
    [
      "explained carries no sanction",
      investigating,
      { action: "determine", determination: "explained", sanctionTier: 1 },
      "sanction_on_explained",
    ],
    [
      "referred needs no assessment",
      investigating,
      { action: "determine", determination: "referred", sanctionTier: 3 },
      "determined",
    ],
    [
      "determining waits for the investigation",
      base,
      { action: "determine", determination: "referred", sanctionTier: 0 },
      "wrong_state",
    ],
    ["a breach closes only once notified", determinedBreach, { action: "close" }, "notification_required"],
    ["a notified breach closes", { ...determinedBreach, notifiedAt: now }, { action: "close" }, "closed"],
    ["an undetermined case does not close", investigating, { action: "close" }, "wrong_state"],
    ["a breach's notification is recorded", determinedBreach, { action: "notify", notifiedAt: now }, "determined"],
    [
      "no notification for a case determined not a breach",
      { ...determinedBreach, determination: "explained", sanctionTier: 0 },
      { action: "notify", notifiedAt: now },
      "not_a_breach",
    ],
    [
      "a notification is recorded once",
      { ...determinedBreach, notifiedAt: now },
      { action: "notify", notifiedAt: now },
      "already_notified",
    ],
    [
      "no notification in the future",
      determinedBreach,
      { action: "notify", notifiedAt: new Date(+now + 60_000) },
      "notified_in_future",
    ],
    [
      "no notification before discovery",
      determinedBreach,
      { action: "notify", notifiedAt: new Date(+opened - 1) },
      "notified_before_discovery",
    ],
    [
      "discovery may be set earlier",
      base,
      { action: "intake", discoveredAt: new Date("2026-12-01T00:00:00Z"), discoveredHow: "complaint" },
      "intake",
    ],
    [
      "discovery never after the first escalation",
      base,
      { action: "intake", discoveredAt: new Date(+opened + 1), discoveredHow: "rule_alert" },
      "discovery_after_escalation",
    ],
    [
      "discovery never in the future",
      { ...base, openedAt: new Date(+now + 3_600_000) },
      { action: "intake", discoveredAt: new Date(+now + 60_000), discoveredHow: "rule_alert" },
      "discovery_in_future",
    ],
    [
      "an unchanged intake is refused",
      base,
      { action: "intake", discoveredAt: opened, discoveredHow: "rule_alert" },
      "no_change",
    ],
    [
      "a determined case's intake is fixed",
      determinedBreach,
      { action: "intake", discoveredAt: opened, discoveredHow: "audit" },
      "wrong_state",
    ],
    ["new alerts reopen a determined case", determinedBreach, { action: "alerts_added" }, "investigating"],
    ["the same owner is no change", { ...base, ownerId: "a" }, { action: "assign", ownerId: "a" }, "no_change"],
    ["a closed case takes notes", { ...determinedBreach, state: "closed" }, { action: "note" }, "closed"],
    [
      "a closed case takes nothing else",
      { ...determinedBreach, state: "closed" },
      { action: "alerts_added" },
      "case_closed",
    ],
  ])("%s", (_name, facts, change, expected) => {
    const d = decideCaseChange(facts, change, now);
    expect(d.ok ? d.next.state : d.code).toBe(expected);
  });

  it("clears the determination when new alerts reopen a case", () => {
    const d = decideCaseChange(determinedBreach, { action: "alerts_added" }, now);
    expect(d.ok && [d.next.determination, d.next.sanctionTier]).toEqual([null, null]);
  });

  const arbFacts = fc.record({
    state: fc.constantFrom(...CASE_STATES),
    ownerId: fc.option(fc.constantFrom("a", "b"), { nil: null }),
    discoveredAt: fc.constant(opened),
    discoveredHow: fc.constant("rule_alert" as const),
    determination: fc.option(fc.constantFrom(...(Object.keys(DETERMINATIONS) as TDetermination[])), { nil: null }),
    sanctionTier: fc.option(fc.constantFrom(0, 1, 2, 3, 4 as const), { nil: null }),
    notifiedAt: fc.option(fc.constant(now), { nil: null }),
    openedAt: fc.constant(opened),
    assessment: fc.option(fc.constantFrom(low, presumed, { conclusion: "exception" as const }), { nil: null }),
  }) as fc.Arbitrary<TCaseFacts>;
  const arbChange: fc.Arbitrary<TCaseChange> = fc.oneof(
    fc.constantFrom<TCaseChange>(
      { action: "alerts_added" },
      { action: "start_investigation" },
      { action: "assess" },
      { action: "close" },
      { action: "note" },
      { action: "assign", ownerId: "b" },
      { action: "notify", notifiedAt: now },
    ),
    fc.record({
      action: fc.constant("determine" as const),
      determination: fc.constantFrom(...(Object.keys(DETERMINATIONS) as TDetermination[])),
      sanctionTier: fc.constantFrom(0, 1, 2, 3, 4 as const),
    }),
  );

  it("never leaves closed, never determines without a supported determination, never closes an unnotified breach", () => {
    fc.assert(
      fc.property(arbFacts, arbChange, (facts, change) => {
        const d = decideCaseChange(facts, change, now);
        if (!d.ok) return;
        if (facts.state === "closed") expect(d.next).toEqual(facts);
        if (d.next.state === "closed" && facts.state !== "closed")
          expect(d.next.determination !== "breach" || d.next.notifiedAt !== null).toBe(true);
        if (change.action === "determine") {
          expect(d.next.state).toBe("determined");
          if (change.determination === "breach") expect(facts.assessment).not.toBeNull();
          if (change.determination === "violation_not_breach")
            expect(facts.assessment?.conclusion).toMatch(/^(low_probability|exception)$/);
        }
        if (facts.state !== "closed" && d.next.state !== facts.state)
          expect(
            CASE_STATES.indexOf(d.next.state) > CASE_STATES.indexOf(facts.state) || change.action === "alerts_added",
          ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
