import { describe, expect, it } from "vitest";
import { navFor } from "./navigation";
import { can, describeRole, PERMISSION_TABLE, ROLE_HOME, ROLE_PERMISSIONS } from "./permissions";

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

  it("lists each permission once, in resource.action form, with a sentence and at least one role", () => {
    const actions = PERMISSION_TABLE.map((p) => p.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const p of PERMISSION_TABLE) {
      expect(p.action).toMatch(/^[a-z]+\.[a-z]+$/);
      expect(p.description).toMatch(/^[A-Z].*\.$/);
      expect(p.roles.length).toBeGreaterThan(0);
    }
  });

  it("describes a role by exactly the permissions it holds", () => {
    expect(describeRole("ADMIN").map((p) => p.action)).toEqual([
      "users.read",
      "users.manage",
      "ledger.trust",
      "rules.manage",
    ]);
    expect(describeRole("PATIENT").map((p) => p.action)).toEqual([
      "self.read",
      "self.reports",
      "erasure.request",
      "consents.read",
      "self.consents",
    ]);
  });

  it("keeps the patient data permissions away from ADMIN and AUDITOR", () => {
    for (const role of ["ADMIN", "AUDITOR"] as const) {
      expect(ROLE_PERMISSIONS[role].filter((p) => p.startsWith("records."))).toEqual([]);
    }
  });
});
