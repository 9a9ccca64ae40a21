import { describe, expect, it } from "vitest";
import { leafBytesFor } from "./define-leaf-kind";
import { reportIssuedKind } from "./report-issued";
import { parseReportLeaf, reportLeafBytes } from "./report-leaf";

const row = {
  id: "0193a1b2-0000-7000-8000-0000000000aa",
  reportType: "integrity_attestation",
  scope: "organization",
  periodStart: new Date("2026-12-01T00:00:00.000Z"),
  periodEnd: new Date("2026-12-07T02:00:00.123Z"),
  issuedAt: new Date("2026-12-07T02:00:00.123Z"),
  issuedById: "0193a1b2-0000-7000-8000-000000000001",
  reportSha256: new Uint8Array(32).fill(0xab),
};

describe("report_issued leaves", () => {
  it("are the report leaf the offline verifier parses, from the row as stored (issuer not included)", () => {
    const bytes = leafBytesFor(reportIssuedKind, row);
    expect(bytes).toEqual(
      reportLeafBytes({
        id: row.id,
        reportType: row.reportType,
        scope: row.scope,
        periodStart: "2026-12-01T00:00:00.000Z",
        periodEnd: "2026-12-07T02:00:00.123Z",
        issuedAt: "2026-12-07T02:00:00.123Z",
        reportSha256: "ab".repeat(32),
      }),
    );
    expect(parseReportLeaf(bytes)).toMatchObject({ id: row.id, reportSha256: "ab".repeat(32) });
  });

  it("cannot be made of a row that is not a valid report leaf", () => {
    expect(() => leafBytesFor(reportIssuedKind, { ...row, reportType: "Not A Type" })).toThrow();
    expect(() => leafBytesFor(reportIssuedKind, { ...row, reportSha256: new Uint8Array(31) })).toThrow();
  });
});
