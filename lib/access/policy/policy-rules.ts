// The access policy in words. These lines are hashed into the policy version that every access
// event carries: change a rule here when its behaviour changes in decide-access.ts, and the
// version changes with it. docs/access-policy.md explains them at length.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export const PURPOSES_OF_USE = [
  "TREAT",
  "ETREAT",
  "PAYMENT",
  "OPERATIONS",
  "RESEARCH",
  "PUBLIC_HEALTH",
  "LEGAL",
  "PATIENT_REQUEST",
] as const;
export type TPurposeOfUse = (typeof PURPOSES_OF_USE)[number];

export const ACCESS_ACTIONS = ["read", "search", "create", "update", "export"] as const;
export type TAccessAction = (typeof ACCESS_ACTIONS)[number];

/** Resource types that describe who may see a patient's data, not the data itself. */
export const PRIVACY_RESOURCE_TYPES = ["Consent", "CareTeam", "Disclosure"] as const;

// One rule per line, so a change to a rule is a one-line diff; prettier would fold short rules
// and wrap long ones.
// prettier-ignore
export const POLICY_RULES = [
  { id: "no-phi-roles", text: "ADMIN and AUDITOR never access patient data." },
  { id: "patient-self", text: "A PATIENT may read and export their own data, and create or update their own Consent, with purpose PATIENT_REQUEST; nothing else." },
  { id: "privacy-office", text: "A COMPLIANCE_OFFICER may read, search, create and update a patient's Consent, CareTeam and Disclosure (HIPAA 164.528 register), and read and search the AuditEvents about a patient (who accessed the record), with purpose OPERATIONS or LEGAL; never clinical data." },
  { id: "care-team-admin", text: "A CLINICIAN may change a CareTeam only while on that care team (purpose TREAT); break-glass does not allow it." },
  { id: "clinician-search", text: "A CLINICIAN may search for patients with purpose TREAT or ETREAT. Each hit is decided as opening its chart would be: a permitted patient shows name, birth date and MRN; a patient whose consent deny covers the clinician is left out; any other shows name and year of birth only, and its chart is decided (break-glass offered) when opened." },
  { id: "clinician-register", text: "A CLINICIAN may register new patients (create without a patient) with purpose TREAT." },
  { id: "break-glass", text: "A CLINICIAN with an unexpired break-glass for the patient is permitted every read, create, update and export of that patient, flagged as ETREAT, even against a consent deny." },
  { id: "etreat-needs-break-glass", text: "Purpose ETREAT without break-glass in force is denied." },
  { id: "consent-deny", text: "An active consent deny provision covering the actor (user, role or organization), the purpose and the resource type denies, even for the care team; a deny scoped to some resource types denies access to the whole record." },
  { id: "treat", text: "Purpose TREAT is permitted for care-team members and for actors covered by an active consent permit." },
  { id: "consent-permit", text: "Any other purpose (PAYMENT, OPERATIONS, RESEARCH, PUBLIC_HEALTH, LEGAL) needs an active consent permit covering the actor, purpose and resource type; a permit scoped to some resource types does not cover the whole record." },
  { id: "default-deny", text: "Everything else is denied." },
] as const;
export type TPolicyRuleId = (typeof POLICY_RULES)[number]["id"];

/** SHA-256 (hex) of the canonical rule list: identifies the rules that made a decision. */
export const POLICY_VERSION = bytesToHex(
  sha256(utf8ToBytes(JSON.stringify({ policy: "healthledger-access/v1", rules: POLICY_RULES }))),
);
