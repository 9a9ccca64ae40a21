import type * as fhir4 from "fhir/r4";
import type { TConsentView } from "@/lib/access/consents/list-consents";

// FHIR R4 Consent (https://hl7.org/fhir/R4/consent.html) for a privacy consent directive:
// scope patient-privacy, category LOINC 59284-0, one provision.

/** Our purposes of use → HL7 v3 ActReason codes. */
export const V3_ACT_REASON: Record<string, string> = {
  TREAT: "TREAT",
  ETREAT: "ETREAT",
  PAYMENT: "HPAYMT",
  OPERATIONS: "HOPERAT",
  RESEARCH: "HRESCH",
  PUBLIC_HEALTH: "PUBHLTH",
  LEGAL: "HLEGAL",
  PATIENT_REQUEST: "PATRQT",
};

export type TConsentRow = Omit<TConsentView, "granteeLabel" | "status"> & { patientId: string };

function actorReference(c: TConsentRow): fhir4.Reference {
  if (c.granteeType === "user") return { reference: `Practitioner/${c.granteeRef}` };
  if (c.granteeType === "organization")
    return {
      type: "Organization",
      identifier: { system: "urn:healthledger:organization", value: c.granteeRef },
      display: c.granteeRef,
    };
  return {
    type: "PractitionerRole",
    identifier: { system: "urn:healthledger:role", value: c.granteeRef },
    display: c.granteeRef,
  };
}

export function consentToFhir(c: TConsentRow): fhir4.Consent {
  const period =
    c.periodStart || c.periodEnd ? { start: c.periodStart?.toISOString(), end: c.periodEnd?.toISOString() } : undefined;
  return {
    resourceType: "Consent",
    id: c.id,
    status: c.revokedAt ? "inactive" : "active",
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy" }] },
    category: [{ coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
    patient: { reference: `Patient/${c.patientId}` },
    dateTime: c.createdAt.toISOString(),
    policyRule: {
      coding: [
        {
          system: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
          code: c.provisionType === "deny" ? "OPTOUT" : "OPTIN",
        },
      ],
    },
    provision: {
      type: c.provisionType === "deny" ? "deny" : "permit",
      ...(period ? { period } : {}),
      actor: [
        {
          role: {
            coding: [
              {
                system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                code: "PRCP",
                display: "primary information recipient",
              },
            ],
          },
          reference: actorReference(c),
        },
      ],
      ...(c.purposes.length
        ? {
            purpose: c.purposes.map((p) => ({
              system: "http://terminology.hl7.org/CodeSystem/v3-ActReason",
              code: V3_ACT_REASON[p] ?? p,
            })),
          }
        : {}),
      ...(c.resourceTypes.length
        ? { class: c.resourceTypes.map((t) => ({ system: "http://hl7.org/fhir/resource-types", code: t })) }
        : {}),
    },
  };
}
