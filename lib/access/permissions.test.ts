import { describe, expect, it } from "vitest";
import { navFor } from "./navigation";
import { can, ROLE_HOME, ROLE_PERMISSIONS } from "./permissions";

describe("role table", () => {
  it.each([
    ["ADMIN", "users.manage", true],
    ["ADMIN", "records.read", false],
    ["ADMIN", "dashboard.read", false],
    ["COMPLIANCE_OFFICER", "dashboard.read", true],
    ["COMPLIANCE_OFFICER", "records.read", false],
    ["CLINICIAN", "records.read", true],
    ["CLINICIAN", "users.read", false],
    ["AUDITOR", "ledger.read", true],
    ["AUDITOR", "records.read", false],
    ["PATIENT", "self.read", true],
    ["PATIENT", "events.read", false],
  ] as const)("%s %s → %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("denies when there is no role", () => {
    expect(can(undefined, "self.read")).toBe(false);
    expect(can(null, "records.read")).toBe(false);
  });

  it("gives every role a home it may open, listed in its navigation", () => {
    for (const role of Object.keys(ROLE_PERMISSIONS) as (keyof typeof ROLE_PERMISSIONS)[]) {
      expect(navFor(role).map((i) => i.href)).toContain(ROLE_HOME[role]);
    }
  });

  it("keeps the patient data permissions away from ADMIN and AUDITOR", () => {
    for (const role of ["ADMIN", "AUDITOR"] as const) {
      expect(ROLE_PERMISSIONS[role].filter((p) => p.startsWith("records."))).toEqual([]);
    }
  });
});
