import { describe, expect, it } from "vitest";
import type { TPolicyConsent } from "./decide-access";
import { decideSearchHit, type TSearchHitFacts, type TSearchHitView } from "./decide-search-hit";
import { POLICY_VERSION } from "./policy-rules";

const NOW = new Date("2026-06-01T12:00:00Z");
const P = "11111111-1111-4111-8111-111111111111";
const ME = "22222222-2222-4222-8222-222222222222";

const consent = (o: Partial<TPolicyConsent>): TPolicyConsent => ({
  id: "c0nsent0-0000-4000-8000-000000000000",
  provisionType: "permit",
  granteeType: "user",
  granteeRef: ME,
  purposes: [],
  resourceTypes: [],
  periodStart: null,
  periodEnd: null,
  revoked: false,
  ...o,
});
const facts = (o: Partial<TSearchHitFacts> = {}): TSearchHitFacts => ({
  actor: { id: ME, role: "CLINICIAN", organization: "Cardiology" },
  purposeOfUse: "TREAT",
  patientId: P,
  careTeam: false,
  consents: [],
  breakGlass: false,
  now: NOW,
  ...o,
});
const deny = consent({ provisionType: "deny" });

const CASES: [string, Partial<TSearchHitFacts>, TSearchHitView, string][] = [
  ["no relationship", {}, "limited", "clinician-search"],
  ["care team", { careTeam: true }, "full", "treat"],
  ["consent permit", { consents: [consent({})] }, "full", "treat"],
  ["deny by user", { consents: [deny] }, "hidden", "consent-deny"],
  ["deny beats the care team", { careTeam: true, consents: [deny] }, "hidden", "consent-deny"],
  [
    "deny by role",
    { consents: [consent({ provisionType: "deny", granteeType: "role", granteeRef: "CLINICIAN" })] },
    "hidden",
    "consent-deny",
  ],
  [
    "deny of one resource type hides the whole record",
    { careTeam: true, consents: [consent({ provisionType: "deny", resourceTypes: ["Observation"] })] },
    "hidden",
    "consent-deny",
  ],
  ["revoked deny", { careTeam: true, consents: [{ ...deny, revoked: true }] }, "full", "treat"],
  [
    "deny for another purpose",
    { careTeam: true, consents: [consent({ provisionType: "deny", purposes: ["RESEARCH"] })] },
    "full",
    "treat",
  ],
  [
    "deny of another department",
    { consents: [consent({ provisionType: "deny", granteeType: "organization", granteeRef: "Oncology" })] },
    "limited",
    "clinician-search",
  ],
  [
    "expired deny",
    { consents: [consent({ provisionType: "deny", periodEnd: new Date("2026-05-01") })] },
    "limited",
    "clinician-search",
  ],
  ["break-glass in force", { breakGlass: true, consents: [deny] }, "full", "break-glass"],
  ["ETREAT without break-glass", { purposeOfUse: "ETREAT" }, "limited", "clinician-search"],
  [
    "compliance officer, consents",
    {
      actor: { id: ME, role: "COMPLIANCE_OFFICER" },
      purposeOfUse: "OPERATIONS",
      resourceType: "Consent",
      consents: [deny],
    },
    "full",
    "privacy-office",
  ],
  [
    "compliance officer, demographics",
    { actor: { id: ME, role: "COMPLIANCE_OFFICER" }, purposeOfUse: "OPERATIONS" },
    "hidden",
    "privacy-office",
  ],
  ["admin", { actor: { id: ME, role: "ADMIN" }, careTeam: true }, "hidden", "no-phi-roles"],
  [
    "another patient",
    {
      actor: { id: ME, role: "PATIENT", patientId: "33333333-3333-4333-8333-333333333333" },
      purposeOfUse: "PATIENT_REQUEST",
    },
    "hidden",
    "patient-self",
  ],
];

describe("decideSearchHit", () => {
  it.each(CASES)("%s → %s", (_name, o, view, rule) => {
    const d = decideSearchHit(facts(o));
    expect([d.view, d.rule]).toEqual([view, rule]);
    expect(d.policyVersion).toBe(POLICY_VERSION);
    expect(d.reason).not.toContain(P);
  });
});
