// Code systems used when access events are exported as FHIR R4 AuditEvent (IHE BALP).

/** A Coding as we emit it: always a system and a code. */
export type TCoding = { system: string; code: string; display?: string };

export const SYSTEM = {
  dicom: "http://dicom.nema.org/resources/ontology/DCM",
  auditEventType: "http://terminology.hl7.org/CodeSystem/audit-event-type",
  restful: "http://hl7.org/fhir/restful-interaction",
  actReason: "http://terminology.hl7.org/CodeSystem/v3-ActReason",
  sourceType: "http://terminology.hl7.org/CodeSystem/security-source-type",
  entityType: "http://terminology.hl7.org/CodeSystem/audit-entity-type",
  objectRole: "http://terminology.hl7.org/CodeSystem/object-role",
  securityRoleType: "http://terminology.hl7.org/CodeSystem/extra-security-role-type",
  balpEntityType: "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType",
  /** HealthLedger's own identifiers and codes (user ids, roles, codes no standard system has). */
  user: "urn:healthledger:user",
  role: "urn:healthledger:role",
  local: "urn:healthledger:audit-code",
} as const;

export const EXTENSION = {
  userAgent: "urn:healthledger:fhir:StructureDefinition/user-agent",
  ledgerIndex: "urn:healthledger:fhir:StructureDefinition/ledger-index",
} as const;

const DCM_DISPLAY: Record<string, string> = {
  "110114": "User Authentication",
  "110122": "Login",
  "110123": "Logout",
  "110106": "Export",
};

export function typeCoding(type: string): TCoding {
  if (DCM_DISPLAY[type]) return { system: SYSTEM.dicom, code: type, display: DCM_DISPLAY[type] };
  if (type === "rest") return { system: SYSTEM.auditEventType, code: "rest", display: "RESTful Operation" };
  return { system: SYSTEM.local, code: type };
}

/** Export is no RESTful interaction of its own: it is an operation, and DICOM's "Export" says which. */
export function subtypeCodings(type: string, subtype: string): TCoding[] {
  if (type === "rest" && subtype === "export")
    return [
      { system: SYSTEM.restful, code: "operation" },
      { system: SYSTEM.dicom, code: "110106", display: "Export" },
    ];
  if (type === "rest" && RESTFUL.has(subtype)) return [{ system: SYSTEM.restful, code: subtype }];
  if (DCM_DISPLAY[subtype]) return [{ system: SYSTEM.dicom, code: subtype, display: DCM_DISPLAY[subtype] }];
  return [{ system: SYSTEM.local, code: subtype }];
}

const RESTFUL = new Set([
  "read",
  "vread",
  "update",
  "patch",
  "delete",
  "history",
  "create",
  "search",
  "search-type",
  "search-system",
  "operation",
]);

/** Purposes of use as stored (policy vocabulary) → HL7 v3 ActReason. */
export const PURPOSE_CODE: Record<string, { code: string; display: string }> = {
  TREAT: { code: "TREAT", display: "treatment" },
  ETREAT: { code: "ETREAT", display: "Emergency Treatment" },
  PAYMENT: { code: "HPAYMT", display: "healthcare payment" },
  OPERATIONS: { code: "HOPERAT", display: "healthcare operations" },
  RESEARCH: { code: "HRESCH", display: "healthcare research" },
  PUBLIC_HEALTH: { code: "PUBHLTH", display: "public health" },
  LEGAL: { code: "HLEGAL", display: "legal" },
  PATIENT_REQUEST: { code: "PATRQT", display: "patient requested" },
};

export function purposeConcept(purpose: string): { coding: [TCoding] } {
  const known = PURPOSE_CODE[purpose];
  return { coding: [known ? { system: SYSTEM.actReason, ...known } : { system: SYSTEM.local, code: purpose }] };
}
