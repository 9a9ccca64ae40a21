import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReportLeaf } from "./report-leaf";
import { ZReportLeaf } from "./report-leaf-schema";
import { hexLike, instantLike, objectLike, orJunk } from "./testing/json-shape-arbitraries";

const uuidLike = fc.oneof(
  { weight: 8, arbitrary: fc.uuid({ version: [1, 4, 7] }) },
  fc.uuid(),
  fc.constantFrom("00000000-0000-0000-0000-000000000000", "not-a-uuid"),
  hexLike(36),
);

const leafLike = objectLike({
  id: orJunk(uuidLike),
  reportType: orJunk(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom("integrity_attestation", "hipaa_access_report", "X", "_a") },
      fc.string(),
    ),
  ),
  scope: orJunk(fc.string({ maxLength: 260 })),
  periodStart: orJunk(instantLike()),
  periodEnd: orJunk(instantLike()),
  issuedAt: orJunk(instantLike()),
  reportSha256: orJunk(hexLike(64)),
});

describe("readReportLeaf (the browser's reader) and ZReportLeaf (the leaf kind's schema)", () => {
  it("accept and refuse the same values, and return the same fields", () => {
    let accepted = 0;
    fc.assert(
      fc.property(leafLike, (value) => {
        const parsed = ZReportLeaf.safeParse(value);
        if (parsed.success) accepted++;
        expect(readReportLeaf(value)).toEqual(parsed.success ? parsed.data : null);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(30);
  });

  it("accept a well-formed leaf (so the property above is not only about refusals)", () => {
    const leaf = {
      id: "0193a1b2-0000-7000-8000-0000000000aa",
      reportType: "integrity_attestation",
      scope: "organization",
      periodStart: "2024-02-29T00:00:00.000Z",
      periodEnd: "2026-12-07T02:00:00.123Z",
      issuedAt: "2026-12-07T02:00:00.123Z",
      reportSha256: "ab".repeat(32),
    };
    expect(readReportLeaf(leaf)).toEqual(leaf);
    expect(readReportLeaf({ ...leaf, extra: 1 })).toBeNull();
    expect(readReportLeaf({ ...leaf, periodStart: "2023-02-29T00:00:00.000Z" })).toBeNull();
  });
});
