// The access policy (DESIGN.md §5): one pure function decides every access to patient data.
// It reads no clock and no database: callers load the facts (lib/access/authorize-patient-access.ts).
import type { Role } from "@/lib/generated/prisma/enums";
import {
  POLICY_VERSION,
  PRIVACY_RESOURCE_TYPES,
  type TAccessAction,
  type TPolicyRuleId,
  type TPurposeOfUse,
} from "./policy-rules";

export type TPolicyConsent = {
  id: string;
  provisionType: "permit" | "deny";
  granteeType: "user" | "role" | "organization";
  granteeRef: string;
  /** Empty = every purpose. */
  purposes: readonly string[];
  /** Empty = all of the patient's data. */
  resourceTypes: readonly string[];
  periodStart: Date | null;
  periodEnd: Date | null;
  revoked: boolean;
};

export type TAccessFacts = {
  /** organization = the actor's department; patientId = the patient a PATIENT account belongs to. */
  actor: { id: string; role: Role; organization?: string | null; patientId?: string | null };
  action: TAccessAction;
  purposeOfUse: TPurposeOfUse;
  /** null for searches and for registering new patients. */
  patientId: string | null;
  /** Omitted = the whole record. */
  resourceType?: string;
  careTeam: boolean;
  consents: readonly TPolicyConsent[];
  breakGlass: boolean;
  now: Date;
};

export type TAccessDecision = {
  decision: "permit" | "deny";
  reason: string;
  rule: TPolicyRuleId;
  policyVersion: string;
  breakGlass: boolean;
};

const OWN_DATA_ACTIONS: readonly TAccessAction[] = ["read", "export"];
const OTHER_PURPOSES: readonly TPurposeOfUse[] = ["PAYMENT", "OPERATIONS", "RESEARCH", "PUBLIC_HEALTH", "LEGAL"];

function result(decision: "permit" | "deny", rule: TPolicyRuleId, reason: string, breakGlass = false): TAccessDecision {
  return { decision, rule, reason, policyVersion: POLICY_VERSION, breakGlass };
}

function covers(c: TPolicyConsent, f: TAccessFacts): boolean {
  if (c.revoked) return false;
  if (c.periodStart && c.periodStart > f.now) return false;
  if (c.periodEnd && c.periodEnd <= f.now) return false;
  const grantee =
    (c.granteeType === "user" && c.granteeRef === f.actor.id) ||
    (c.granteeType === "role" && c.granteeRef === f.actor.role) ||
    (c.granteeType === "organization" && !!f.actor.organization && c.granteeRef === f.actor.organization);
  if (!grantee) return false;
  if (c.purposes.length > 0 && !c.purposes.includes(f.purposeOfUse)) return false;
  if (c.resourceTypes.length === 0) return true;
  // A scoped deny still bites when the whole record is asked for; a scoped permit does not reach it.
  if (f.resourceType === undefined) return c.provisionType === "deny";
  return c.resourceTypes.includes(f.resourceType);
}

const ref = (c: TPolicyConsent) => `consent ${c.id.slice(0, 8)}`;

export function decideAccess(f: TAccessFacts): TAccessDecision {
  const { role } = f.actor;
  if (role === "ADMIN" || role === "AUDITOR")
    return result("deny", "no-phi-roles", `The ${role} role never accesses patient data.`);

  if (role === "PATIENT") {
    const own = f.patientId !== null && f.patientId === f.actor.patientId;
    const allowed =
      OWN_DATA_ACTIONS.includes(f.action) ||
      (f.resourceType === "Consent" && (f.action === "create" || f.action === "update"));
    if (own && allowed && f.purposeOfUse === "PATIENT_REQUEST")
      return result("permit", "patient-self", "Patients may see their own data and manage their own consents.");
    return result("deny", "patient-self", "Patients may only see their own data and manage their own consents.");
  }

  const privacyData = (PRIVACY_RESOURCE_TYPES as readonly (string | undefined)[]).includes(f.resourceType);
  if (role === "COMPLIANCE_OFFICER") {
    // The access log about a patient (AuditEvent) is read and searched only, never written.
    const accessLog = f.resourceType === "AuditEvent" && (f.action === "read" || f.action === "search");
    if (
      (accessLog || (privacyData && f.action !== "export")) &&
      (f.purposeOfUse === "OPERATIONS" || f.purposeOfUse === "LEGAL")
    ) {
      return result(
        "permit",
        "privacy-office",
        `Compliance officers manage ${f.resourceType} with purpose ${f.purposeOfUse}.`,
      );
    }
    return result(
      "deny",
      "privacy-office",
      "Compliance officers manage consents, care teams and the disclosure register and look up who accessed a record (purpose OPERATIONS or LEGAL) but never read clinical data.",
    );
  }

  // CLINICIAN
  if (f.resourceType === "CareTeam" && (f.action === "create" || f.action === "update")) {
    return f.careTeam && f.purposeOfUse === "TREAT"
      ? result("permit", "care-team-admin", "Care-team members may change the care team.")
      : result("deny", "care-team-admin", "Only members of this patient's care team may change it.");
  }
  if (f.patientId === null) {
    if (f.action === "search" && (f.purposeOfUse === "TREAT" || f.purposeOfUse === "ETREAT"))
      return result(
        "permit",
        "clinician-search",
        "Clinicians may search for patients; each chart is decided on its own.",
      );
    if (f.action === "create" && f.purposeOfUse === "TREAT")
      return result("permit", "clinician-register", "Clinicians may register new patients.");
    return result(
      "deny",
      "default-deny",
      `No rule permits ${f.action} without a patient for purpose ${f.purposeOfUse}.`,
    );
  }
  if (f.breakGlass && f.action !== "search")
    return result(
      "permit",
      "break-glass",
      "Emergency access (break-glass) is in force for this patient; this access is flagged.",
      true,
    );
  if (f.purposeOfUse === "ETREAT")
    return result(
      "deny",
      "etreat-needs-break-glass",
      "Emergency treatment needs a break-glass declaration for this patient.",
    );

  const applicable = f.consents.filter((c) => covers(c, f));
  const deny = applicable.find((c) => c.provisionType === "deny");
  if (deny)
    return result("deny", "consent-deny", `The patient's ${ref(deny)} denies you access for ${f.purposeOfUse}.`);
  const permit = applicable.find((c) => c.provisionType === "permit");
  if (f.purposeOfUse === "TREAT") {
    if (f.careTeam) return result("permit", "treat", "You are on this patient's care team.");
    if (permit) return result("permit", "treat", `The patient's ${ref(permit)} permits you access for TREAT.`);
    return result("deny", "treat", "You are not on this patient's care team and no consent of the patient covers you.");
  }
  if (OTHER_PURPOSES.includes(f.purposeOfUse)) {
    return permit
      ? result("permit", "consent-permit", `The patient's ${ref(permit)} permits you access for ${f.purposeOfUse}.`)
      : result("deny", "consent-permit", `Purpose ${f.purposeOfUse} needs a consent of the patient that covers you.`);
  }
  return result("deny", "default-deny", `No rule permits a clinician to act with purpose ${f.purposeOfUse}.`);
}
