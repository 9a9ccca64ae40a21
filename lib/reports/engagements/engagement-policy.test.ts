import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideIssueUnderEngagement,
  decideReadUnderEngagement,
  engagementStatus,
  type TEngagementFacts,
} from "./engagement-policy";

const now = new Date("2026-12-07T12:00:00Z");
const AUDITOR = "0193a1b2-0000-7000-8000-00000000a001";
const OTHER = "0193a1b2-0000-7000-8000-00000000a002";
const base: TEngagementFacts = {
  id: "0193a1b2-0000-7000-8000-00000000e001",
  auditorId: AUDITOR,
  periodStart: new Date("2026-01-01T00:00:00Z"),
  periodEnd: new Date("2026-12-31T23:59:59Z"),
  reportTypes: ["integrity_attestation", "audit_log_review"],
  expiresAt: new Date("2027-01-31T00:00:00Z"),
  revokedAt: null,
};
const p = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

describe("decideIssueUnderEngagement", () => {
  it.each([
    ["an active engagement covering the type (no period)", [base], "integrity_attestation", false, null, "allowed"],
    ["a period inside", [base], "audit_log_review", true, p("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"), "allowed"],
    ["no engagement at all", [], "integrity_attestation", false, null, "no_engagement"],
    [
      "only another auditor's engagement",
      [{ ...base, auditorId: OTHER }],
      "integrity_attestation",
      false,
      null,
      "no_engagement",
    ],
    [
      "a revoked engagement",
      [{ ...base, revokedAt: new Date("2026-12-01T00:00:00Z") }],
      "integrity_attestation",
      false,
      null,
      "revoked",
    ],
    [
      "an expired engagement",
      [{ ...base, expiresAt: new Date("2026-12-07T11:59:59Z") }],
      "integrity_attestation",
      false,
      null,
      "expired",
    ],
    ["a type not listed", [base], "hipaa_access_report", true, null, "type_not_covered"],
    [
      "a period starting before",
      [base],
      "audit_log_review",
      true,
      p("2025-12-31T00:00:00Z", "2026-02-01T00:00:00Z"),
      "period_outside",
    ],
    [
      "a period ending after",
      [{ ...base, periodEnd: new Date("2026-06-30T00:00:00Z") }],
      "audit_log_review",
      true,
      p("2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z"),
      "period_outside",
    ],
    [
      "no period, issued after the engagement's period",
      [{ ...base, periodEnd: new Date("2026-06-30T00:00:00Z") }],
      "integrity_attestation",
      false,
      null,
      "period_outside",
    ],
    [
      "no period, engagement not begun",
      [{ ...base, periodStart: new Date("2027-01-01T00:00:00Z"), periodEnd: new Date("2027-02-01T00:00:00Z") }],
      "audit_log_review",
      true,
      null,
      "period_outside",
    ],
  ] as const)("%s → %s", (_name, engagements, type, takesPeriod, period, expected) => {
    const d = decideIssueUnderEngagement({ auditorId: AUDITOR, engagements, type, takesPeriod, period, now });
    expect(d.allowed ? "allowed" : d.code).toBe(expected);
    if (!d.allowed) expect(d.message.length).toBeGreaterThan(10);
  });

  it("names the closest refusal when several engagements refuse", () => {
    const d = decideIssueUnderEngagement({
      auditorId: AUDITOR,
      engagements: [
        { ...base, id: "a", revokedAt: now },
        { ...base, id: "b", reportTypes: ["audit_log_review"] },
      ],
      type: "integrity_attestation",
      takesPeriod: false,
      period: null,
      now,
    });
    expect(d).toMatchObject({ allowed: false, code: "type_not_covered" });
  });

  it("picks the engagement that allows it, and gives its period (cut to now) when none was asked for", () => {
    const d = decideIssueUnderEngagement({
      auditorId: AUDITOR,
      engagements: [
        { ...base, id: "x", expiresAt: now },
        { ...base, id: "y" },
      ],
      type: "audit_log_review",
      takesPeriod: true,
      period: null,
      now,
    });
    expect(d).toEqual({ allowed: true, engagementId: "y", period: { from: base.periodStart, to: now } });
  });

  it("never allows a period reaching outside every engagement (property)", () => {
    const t = (min: number, max: number) => fc.integer({ min, max }).map((ms) => new Date(ms));
    const y2026 = Date.parse("2026-01-01T00:00:00Z");
    const yr = 366 * 86_400_000;
    fc.assert(
      fc.property(
        t(y2026, y2026 + yr),
        t(y2026, y2026 + yr),
        t(y2026, y2026 + yr),
        t(y2026, y2026 + yr),
        (a, b, c, d) => {
          const [from, to] = a < b ? [a, b] : [b, a];
          const [start, end] = c < d ? [c, d] : [d, c];
          const decision = decideIssueUnderEngagement({
            auditorId: AUDITOR,
            engagements: [{ ...base, periodStart: start, periodEnd: end }],
            type: "audit_log_review",
            takesPeriod: true,
            period: { from, to },
            now,
          });
          expect(decision.allowed).toBe(from >= start && to <= end);
        },
      ),
    );
  });
});

describe("decideReadUnderEngagement", () => {
  it.each([
    ["own active engagement", base, "allowed"],
    ["no engagement (a compliance officer's report)", null, "not_your_engagement"],
    ["another auditor's engagement", { ...base, auditorId: OTHER }, "not_your_engagement"],
    ["revoked since", { ...base, revokedAt: now }, "revoked"],
    ["expired since", { ...base, expiresAt: now }, "expired"],
  ] as const)("%s → %s", (_name, engagement, expected) => {
    const d = decideReadUnderEngagement({ auditorId: AUDITOR, engagement, now });
    expect(d.allowed ? "allowed" : d.code).toBe(expected);
  });
});

describe("engagementStatus", () => {
  it("calls a revoked and expired engagement revoked", () => {
    expect(engagementStatus({ expiresAt: new Date(0), revokedAt: new Date(0) }, now)).toBe("revoked");
    expect(engagementStatus({ expiresAt: new Date(0), revokedAt: null }, now)).toBe("expired");
    expect(engagementStatus({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now)).toBe("active");
  });
});
