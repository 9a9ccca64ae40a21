import type { Role } from "@/lib/generated/prisma/enums";

// Permissions are "resource.action" strings; this table is the only place that says which
// role holds which. Handlers declare the permission they need and call `can`.

export const PERMISSIONS = [
  "dashboard.read",
  "events.read",
  "users.read",
  "users.manage",
  "records.read",
  "records.write",
  "ledger.read",
  "ledger.verify",
  "ledger.notarize",
  "reports.read",
  "self.read",
  "fhir.import",
  "erasure.request",
  "erasure.decide",
  "consents.read",
  "consents.manage",
  "self.consents",
  "careteam.manage",
  "breakglass.declare",
  "alerts.read",
  "alerts.acknowledge",
  "disclosures.read",
  "disclosures.write",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly TPermission[]> = {
  ADMIN: ["users.read", "users.manage"],
  COMPLIANCE_OFFICER: [
    "dashboard.read",
    "events.read",
    "ledger.read",
    "ledger.verify",
    "ledger.notarize",
    "reports.read",
    "erasure.request",
    "erasure.decide",
    "consents.read",
    "consents.manage",
    "careteam.manage",
    "alerts.read",
    "alerts.acknowledge",
    "disclosures.read",
    "disclosures.write",
  ],
  CLINICIAN: ["records.read", "records.write", "fhir.import", "consents.read", "careteam.manage", "breakglass.declare"],
  AUDITOR: ["ledger.read", "ledger.verify", "reports.read", "events.read"],
  PATIENT: ["self.read", "erasure.request", "consents.read", "self.consents"],
};

export function can(role: Role | undefined | null, permission: TPermission): boolean {
  return !!role && ROLE_PERMISSIONS[role].includes(permission);
}

/** Where each role lands after sign-in. */
export const ROLE_HOME: Record<Role, string> = {
  ADMIN: "/admin",
  COMPLIANCE_OFFICER: "/dashboard",
  CLINICIAN: "/records",
  AUDITOR: "/regulator",
  PATIENT: "/me",
};

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: "Administrator",
  COMPLIANCE_OFFICER: "Compliance officer",
  CLINICIAN: "Clinician",
  AUDITOR: "Auditor",
  PATIENT: "Patient",
};
