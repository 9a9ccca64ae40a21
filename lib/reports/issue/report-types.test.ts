import { describe, expect, it } from "vitest";
import { REPORT_CATALOG } from "./report-catalog";
import { reportRequestFromForm } from "./report-form";
import { ZIssueReportRequest } from "./report-types";

const messages = (input: unknown) => {
  const r = ZIssueReportRequest.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("ZIssueReportRequest", () => {
  it("accepts every catalog type with the fields its entry asks for", () => {
    for (const e of REPORT_CATALOG) {
      const request: Record<string, unknown> = { type: e.type };
      if (e.scope === "patient") request.patientId = "0193a1b2-0000-7000-8000-0000000000aa";
      if (e.scope === "erasure") request.erasureRequestId = "0193a1b2-0000-7000-8000-0000000000ab";
      if (e.period === "required") request.period = { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" };
      expect(messages(request), e.type).toEqual([]);
    }
  });

  it("names what is wrong: unknown type, extra field, period where none is taken, a bad period", () => {
    expect(messages({ type: "hipaa_everything" })[0]).toMatch(/^type: type must be one of/);
    expect(messages({ type: "integrity_attestation", extra: 1 })[0]).toMatch(/extra/);
    expect(messages({ type: "integrity_attestation", patientId: "0193a1b2-0000-7000-8000-0000000000aa" })).toEqual([
      "patientId: Integrity attestation: the report is not about one patient",
    ]);
    expect(
      messages({ type: "integrity_attestation", period: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" } }),
    ).toEqual(["period: Integrity attestation: the report is as of its issue and takes no period"]);
    expect(messages({ type: "erasure_certificate" })).toEqual([
      "erasureRequestId: Erasure certificate: the report certifies one erasure, give erasureRequestId",
    ]);
    expect(
      messages({ type: "onc_audit_log_review", erasureRequestId: "0193a1b2-0000-7000-8000-0000000000ab" }),
    ).toContain("erasureRequestId: Audit log review: the report is not about one erasure");
    expect(messages({ type: "integrity_attestation", patientId: "Smith" })[0]).toMatch(
      /patientId must be a patient's id/,
    );
  });

  it("refuses a period running backwards or longer than six years", () => {
    const periodic = REPORT_CATALOG.find((e) => e.period !== "none");
    if (!periodic) return; // Only the attestation so far: the period checks run once a type takes one.
    const base: Record<string, unknown> = { type: periodic.type };
    if (periodic.scope === "patient") base.patientId = "0193a1b2-0000-7000-8000-0000000000aa";
    expect(messages({ ...base, period: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } })).toEqual([
      "period: period.from must not be after period.to",
    ]);
    expect(messages({ ...base, period: { from: "2010-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } })).toEqual([
      "period: a period may cover at most six years",
    ]);
  });
});

describe("reportRequestFromForm", () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  it("turns two calendar dates into a UTC period whose end is the midnight after the last day", () => {
    expect(reportRequestFromForm(form({ type: "x", from: "2026-03-01", to: "2026-03-31" }))).toEqual({
      type: "x",
      period: { from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" },
    });
  });
  it("leaves out empty fields and passes malformed ones on for the validator to name", () => {
    expect(reportRequestFromForm(form({ type: "x", from: "", to: "", patientId: "" }))).toEqual({ type: "x" });
    const r = reportRequestFromForm(form({ type: "x", from: "yesterday", to: "2026-13-45" }));
    expect(r.period).toEqual({ from: "yesterday", to: "2026-13-45" });
    expect(messages({ ...r, type: "integrity_attestation" }).length).toBeGreaterThan(0);
  });
});
