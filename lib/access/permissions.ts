import type { Role } from "@/lib/generated/prisma/enums";

// Permissions are "resource.action" strings, one entry each with what it lets a user do (the
// admin pages show these sentences) and the roles that hold it. This table is the only place that
// says which role holds which; handlers declare the permission they need and call `can`.

export const PERMISSION_TABLE = [
  {
    action: "dashboard.read",
    description: "See the compliance dashboard: access volumes, integrity checks and open alerts.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "events.read",
    description: "Search access events (FHIR AuditEvent): who opened which record, when and why.",
    roles: ["COMPLIANCE_OFFICER", "AUDITOR"],
  },
  {
    action: "events.export",
    description: "Download access events as CSV from the access explorer; every download is itself an access event.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "users.read",
    description: "List staff accounts, their roles and the history of administrative actions.",
    roles: ["ADMIN"],
  },
  {
    action: "users.manage",
    description: "Create accounts, reset passwords, disable accounts and change roles.",
    roles: ["ADMIN"],
  },
  {
    action: "ledger.trust",
    description:
      "Re-trust the ledger head after the rollback guard stopped patient data; a second administrator approves.",
    roles: ["ADMIN"],
  },
  {
    action: "records.read",
    description: "Search for patients and open their charts, as the access policy allows.",
    roles: ["CLINICIAN"],
  },
  {
    action: "records.write",
    description: "Add observations and other record versions to a chart, as the access policy allows.",
    roles: ["CLINICIAN"],
  },
  {
    action: "ledger.read",
    description: "Read the audit ledger: blocks, signed checkpoints, proofs and verification runs.",
    roles: ["COMPLIANCE_OFFICER", "AUDITOR"],
  },
  {
    action: "ledger.verify",
    description: "Run a full verification of the ledger against every anchored row.",
    roles: ["COMPLIANCE_OFFICER", "AUDITOR"],
  },
  {
    action: "ledger.notarize",
    description: "Time-stamp a file by its SHA-256 in the ledger.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "reports.issue",
    description:
      "Issue a signed report; an auditor only within an active audit engagement. Every issue is an access event.",
    roles: ["COMPLIANCE_OFFICER", "AUDITOR"],
  },
  {
    action: "reports.read",
    description: "Download signed HIPAA and GDPR audit reports.",
    roles: ["COMPLIANCE_OFFICER", "AUDITOR"],
  },
  {
    action: "reports.all",
    description:
      "Issue, list and download reports of any type and period, without an audit engagement (others holding reports.issue are bound to their engagements).",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "engagements.manage",
    description: "Grant auditors audit engagements (period, report types, expiry) and revoke them.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "engagements.read",
    description: "See audit engagements: every one for a compliance officer, one's own for an auditor.",
    roles: ["COMPLIANCE_OFFICER", "AUDITOR"],
  },
  {
    action: "self.read",
    description: "See one's own patient record, who accessed it and one's own requests.",
    roles: ["PATIENT"],
  },
  {
    action: "self.reports",
    description: "Issue and download signed reports about oneself (who accessed one's record) at /me.",
    roles: ["PATIENT"],
  },
  {
    action: "fhir.import",
    description: "Import patients and their resources from a FHIR R4 bundle.",
    roles: ["CLINICIAN"],
  },
  {
    action: "erasure.request",
    description: "File a request to erase a patient's data (GDPR Art. 17).",
    roles: ["COMPLIANCE_OFFICER", "PATIENT"],
  },
  {
    action: "erasure.decide",
    description: "Approve or refuse erasure requests; an approval destroys the patient's data key.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "consents.read",
    description: "Read consent directives (FHIR Consent), as the access policy allows.",
    roles: ["COMPLIANCE_OFFICER", "CLINICIAN", "PATIENT"],
  },
  {
    action: "consents.manage",
    description: "Record and revoke consent directives on a patient's behalf.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "self.consents",
    description: "Record and revoke consent directives about one's own data.",
    roles: ["PATIENT"],
  },
  {
    action: "careteam.manage",
    description: "Add people to a patient's care team or remove them, as the access policy allows.",
    roles: ["COMPLIANCE_OFFICER", "CLINICIAN"],
  },
  {
    action: "breakglass.declare",
    description: "Declare an emergency to open a chart the policy would deny; every access is flagged.",
    roles: ["CLINICIAN"],
  },
  {
    action: "rules.manage",
    description: "Change the monitoring rules' thresholds: each change is a new anchored version of the rule set.",
    roles: ["ADMIN"],
  },
  {
    action: "alerts.read",
    description: "See privacy alerts raised by the monitoring rules.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "alerts.acknowledge",
    description: "Acknowledge, review, close (with a reason), escalate, take and prioritise privacy alerts.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "cases.read",
    description: "See privacy cases: the alerts, accesses, notes, assessment, determination and notification clocks.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "cases.manage",
    description:
      "Escalate alerts into privacy cases and work them: intake, notes, breach risk assessment, determination, sanction and notification.",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "disclosures.read",
    description: "Read a patient's register of disclosures (HIPAA 164.528).",
    roles: ["COMPLIANCE_OFFICER"],
  },
  {
    action: "disclosures.write",
    description: "Record disclosures in the register and correct them.",
    roles: ["COMPLIANCE_OFFICER"],
  },
] as const satisfies readonly { action: string; description: string; roles: readonly Role[] }[];

export type TPermission = (typeof PERMISSION_TABLE)[number]["action"];
export type TPermissionEntry = (typeof PERMISSION_TABLE)[number];

export const PERMISSIONS: readonly TPermission[] = PERMISSION_TABLE.map((p) => p.action);

/** The role table, derived: each role with the permissions it holds, in table order. */
export const ROLE_PERMISSIONS: Record<Role, readonly TPermission[]> = {
  ADMIN: actionsOf("ADMIN"),
  COMPLIANCE_OFFICER: actionsOf("COMPLIANCE_OFFICER"),
  CLINICIAN: actionsOf("CLINICIAN"),
  AUDITOR: actionsOf("AUDITOR"),
  PATIENT: actionsOf("PATIENT"),
};

export function can(role: Role | undefined | null, permission: TPermission): boolean {
  return !!role && ROLE_PERMISSIONS[role].includes(permission);
}

function actionsOf(role: Role): TPermission[] {
  return describeRole(role).map((p) => p.action);
}

/** What a role may do, in words, for the pages where roles are shown or changed. */
export function describeRole(role: Role): TPermissionEntry[] {
  return PERMISSION_TABLE.filter((p) => (p.roles as readonly Role[]).includes(role));
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
