import { describe, expect, it } from "vitest";
import { engagementRequestFromForm } from "./engagement-form";
import { ZGrantEngagement } from "./engagement-types";

const formOf = (fields: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
};
const AUDITOR = "0193a1b2-0000-7000-8000-0000000000a1";

describe("engagementRequestFromForm", () => {
  it("turns dates into a period up to the end of the last day and an expiry at the end of its day", () => {
    const request = engagementRequestFromForm(
      formOf([
        ["auditorId", AUDITOR],
        ["from", "2026-01-01"],
        ["to", "2026-03-31"],
        ["expires", "2026-06-30"],
        ["reportTypes", "integrity_attestation"],
      ]),
    );
    expect(request).toEqual({
      auditorId: AUDITOR,
      period: { from: "2026-01-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" },
      reportTypes: ["integrity_attestation"],
      expiresAt: "2026-07-01T00:00:00.000Z",
    });
    expect(ZGrantEngagement.safeParse(request).success).toBe(true);
  });

  it("passes malformed or missing fields on for the validator to name", () => {
    const parsed = ZGrantEngagement.safeParse(
      engagementRequestFromForm(
        formOf([
          ["auditorId", AUDITOR],
          ["from", "01/02/2026"],
          ["expires", ""],
        ]),
      ),
    );
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["period.from", "period.to", "reportTypes", "expiresAt"]));
  });
});
