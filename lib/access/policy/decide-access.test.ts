import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideAccess, type TAccessFacts, type TPolicyConsent } from "./decide-access";
import { ACCESS_ACTIONS, POLICY_RULES, POLICY_VERSION, PURPOSES_OF_USE } from "./policy-rules";

const NOW = new Date("2026-06-01T12:00:00Z");
const P = "11111111-1111-4111-8111-111111111111";
const ME = "22222222-2222-4222-8222-222222222222";

const consent = (o: Partial<TPolicyConsent> = {}): TPolicyConsent => ({
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

const facts = (o: Partial<TAccessFacts> = {}): TAccessFacts => ({
  actor: { id: ME, role: "CLINICIAN", organization: "Cardiology" },
  action: "read",
  purposeOfUse: "TREAT",
  patientId: P,
  careTeam: false,
  consents: [],
  breakGlass: false,
  now: NOW,
  ...o,
});

const deny = consent({ provisionType: "deny" });

const CASES: [string, Partial<TAccessFacts>, "permit" | "deny", string][] = [
  ["admin never", { actor: { id: ME, role: "ADMIN" }, careTeam: true }, "deny", "no-phi-roles"],
  [
    "auditor never",
    { actor: { id: ME, role: "AUDITOR" }, consents: [consent({ granteeType: "role", granteeRef: "AUDITOR" })] },
    "deny",
    "no-phi-roles",
  ],
  [
    "patient reads own",
    { actor: { id: ME, role: "PATIENT", patientId: P }, purposeOfUse: "PATIENT_REQUEST" },
    "permit",
    "patient-self",
  ],
  [
    "patient exports own",
    { actor: { id: ME, role: "PATIENT", patientId: P }, purposeOfUse: "PATIENT_REQUEST", action: "export" },
    "permit",
    "patient-self",
  ],
  [
    "patient grants own consent",
    {
      actor: { id: ME, role: "PATIENT", patientId: P },
      purposeOfUse: "PATIENT_REQUEST",
      action: "create",
      resourceType: "Consent",
    },
    "permit",
    "patient-self",
  ],
  [
    "patient writes an observation",
    {
      actor: { id: ME, role: "PATIENT", patientId: P },
      purposeOfUse: "PATIENT_REQUEST",
      action: "create",
      resourceType: "Observation",
    },
    "deny",
    "patient-self",
  ],
  [
    "patient reads someone else",
    { actor: { id: ME, role: "PATIENT", patientId: ME }, purposeOfUse: "PATIENT_REQUEST" },
    "deny",
    "patient-self",
  ],
  [
    "patient with another purpose",
    { actor: { id: ME, role: "PATIENT", patientId: P }, purposeOfUse: "TREAT" },
    "deny",
    "patient-self",
  ],
  [
    "compliance reads consents",
    { actor: { id: ME, role: "COMPLIANCE_OFFICER" }, purposeOfUse: "OPERATIONS", resourceType: "Consent" },
    "permit",
    "privacy-office",
  ],
  [
    "compliance changes a care team (LEGAL)",
    {
      actor: { id: ME, role: "COMPLIANCE_OFFICER" },
      purposeOfUse: "LEGAL",
      action: "update",
      resourceType: "CareTeam",
    },
    "permit",
    "privacy-office",
  ],
  [
    "compliance records a disclosure",
    {
      actor: { id: ME, role: "COMPLIANCE_OFFICER" },
      purposeOfUse: "OPERATIONS",
      action: "create",
      resourceType: "Disclosure",
    },
    "permit",
    "privacy-office",
  ],
  [
    "compliance searches the access log about a patient",
    {
      actor: { id: ME, role: "COMPLIANCE_OFFICER" },
      purposeOfUse: "OPERATIONS",
      action: "search",
      resourceType: "AuditEvent",
    },
    "permit",
    "privacy-office",
  ],
  [
    "compliance writes an AuditEvent",
    {
      actor: { id: ME, role: "COMPLIANCE_OFFICER" },
      purposeOfUse: "OPERATIONS",
      action: "create",
      resourceType: "AuditEvent",
    },
    "deny",
    "privacy-office",
  ],
  [
    "compliance reads a chart",
    { actor: { id: ME, role: "COMPLIANCE_OFFICER" }, purposeOfUse: "OPERATIONS" },
    "deny",
    "privacy-office",
  ],
  [
    "compliance with TREAT",
    { actor: { id: ME, role: "COMPLIANCE_OFFICER" }, resourceType: "Consent" },
    "deny",
    "privacy-office",
  ],
  [
    "care-team member adds a member",
    { careTeam: true, action: "create", resourceType: "CareTeam" },
    "permit",
    "care-team-admin",
  ],
  [
    "outsider changes a care team",
    { action: "update", resourceType: "CareTeam", consents: [consent()] },
    "deny",
    "care-team-admin",
  ],
  [
    "break-glass cannot change a care team",
    { breakGlass: true, action: "create", resourceType: "CareTeam" },
    "deny",
    "care-team-admin",
  ],
  ["clinician searches", { patientId: null, action: "search" }, "permit", "clinician-search"],
  [
    "clinician searches for research",
    { patientId: null, action: "search", purposeOfUse: "RESEARCH" },
    "deny",
    "default-deny",
  ],
  ["clinician registers a patient", { patientId: null, action: "create" }, "permit", "clinician-register"],
  ["clinician reads without a patient", { patientId: null }, "deny", "default-deny"],
  ["break-glass permits", { breakGlass: true, purposeOfUse: "ETREAT" }, "permit", "break-glass"],
  ["break-glass beats a deny", { breakGlass: true, consents: [deny] }, "permit", "break-glass"],
  ["ETREAT without break-glass", { purposeOfUse: "ETREAT", careTeam: true }, "deny", "etreat-needs-break-glass"],
  ["deny beats the care team", { careTeam: true, consents: [deny] }, "deny", "consent-deny"],
  ["deny beats a permit", { consents: [consent(), deny] }, "deny", "consent-deny"],
  [
    "scoped deny bites the whole record",
    { careTeam: true, consents: [consent({ provisionType: "deny", resourceTypes: ["Observation"] })] },
    "deny",
    "consent-deny",
  ],
  [
    "scoped deny leaves other types",
    {
      careTeam: true,
      resourceType: "Condition",
      consents: [consent({ provisionType: "deny", resourceTypes: ["Observation"] })],
    },
    "permit",
    "treat",
  ],
  [
    "deny for another purpose does not bite",
    { careTeam: true, consents: [consent({ provisionType: "deny", purposes: ["RESEARCH"] })] },
    "permit",
    "treat",
  ],
  [
    "revoked deny does not bite",
    { careTeam: true, consents: [consent({ provisionType: "deny", revoked: true })] },
    "permit",
    "treat",
  ],
  [
    "expired deny does not bite",
    { careTeam: true, consents: [consent({ provisionType: "deny", periodEnd: new Date("2026-05-01T00:00:00Z") })] },
    "permit",
    "treat",
  ],
  ["care team treats", { careTeam: true }, "permit", "treat"],
  ["care team updates", { careTeam: true, action: "update", resourceType: "Observation" }, "permit", "treat"],
  ["user permit treats", { consents: [consent()] }, "permit", "treat"],
  ["role permit treats", { consents: [consent({ granteeType: "role", granteeRef: "CLINICIAN" })] }, "permit", "treat"],
  [
    "organization permit treats",
    { consents: [consent({ granteeType: "organization", granteeRef: "Cardiology" })] },
    "permit",
    "treat",
  ],
  [
    "other organization",
    { consents: [consent({ granteeType: "organization", granteeRef: "Oncology" })] },
    "deny",
    "treat",
  ],
  ["permit for someone else", { consents: [consent({ granteeRef: P })] }, "deny", "treat"],
  [
    "permit not yet started",
    { consents: [consent({ periodStart: new Date("2026-07-01T00:00:00Z") })] },
    "deny",
    "treat",
  ],
  ["permit ended", { consents: [consent({ periodEnd: NOW })] }, "deny", "treat"],
  ["revoked permit", { consents: [consent({ revoked: true })] }, "deny", "treat"],
  [
    "scoped permit does not reach the whole record",
    { consents: [consent({ resourceTypes: ["Observation"] })] },
    "deny",
    "treat",
  ],
  [
    "scoped permit reaches its type",
    { resourceType: "Observation", consents: [consent({ resourceTypes: ["Observation"] })] },
    "permit",
    "treat",
  ],
  ["no relationship", {}, "deny", "treat"],
  [
    "research needs a permit even for the care team",
    { careTeam: true, purposeOfUse: "RESEARCH" },
    "deny",
    "consent-permit",
  ],
  [
    "research permit",
    { purposeOfUse: "RESEARCH", consents: [consent({ purposes: ["RESEARCH"] })] },
    "permit",
    "consent-permit",
  ],
  ["research permit is not a TREAT permit", { consents: [consent({ purposes: ["RESEARCH"] })] }, "deny", "treat"],
  [
    "payment permit covers export",
    { purposeOfUse: "PAYMENT", action: "export", consents: [consent({ purposes: ["PAYMENT"] })] },
    "permit",
    "consent-permit",
  ],
  ["clinician with PATIENT_REQUEST", { careTeam: true, purposeOfUse: "PATIENT_REQUEST" }, "deny", "default-deny"],
];

describe("decideAccess", () => {
  it.each(CASES)("%s", (_name, o, decision, rule) => {
    const d = decideAccess(facts(o));
    expect({ decision: d.decision, rule: d.rule }).toEqual({ decision, rule });
    expect(d.reason.length).toBeGreaterThan(10);
    expect(d.policyVersion).toBe(POLICY_VERSION);
  });

  it("flags break-glass decisions only", () => {
    expect(decideAccess(facts({ breakGlass: true })).breakGlass).toBe(true);
    expect(decideAccess(facts({ careTeam: true })).breakGlass).toBe(false);
  });

  it("names the policy version as the SHA-256 of its rules, and the table exercises every rule", () => {
    expect(POLICY_VERSION).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(CASES.map((c) => c[3]))).toEqual(new Set(POLICY_RULES.map((r) => r.id)));
  });

  const arbConsent = fc.record({
    id: fc.uuid(),
    provisionType: fc.constantFrom("permit" as const, "deny" as const),
    granteeType: fc.constantFrom("user" as const, "role" as const, "organization" as const),
    granteeRef: fc.constantFrom(ME, P, "CLINICIAN", "PATIENT", "Cardiology"),
    purposes: fc.subarray([...PURPOSES_OF_USE]),
    resourceTypes: fc.subarray(["Observation", "Condition", "Patient"]),
    periodStart: fc.option(fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-31"), noInvalidDate: true })),
    periodEnd: fc.option(fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-31"), noInvalidDate: true })),
    revoked: fc.boolean(),
  });
  const arbFacts = fc
    .record({
      role: fc.constantFrom(
        "CLINICIAN" as const,
        "COMPLIANCE_OFFICER" as const,
        "PATIENT" as const,
        "ADMIN" as const,
        "AUDITOR" as const,
      ),
      action: fc.constantFrom(...ACCESS_ACTIONS),
      purposeOfUse: fc.constantFrom(...PURPOSES_OF_USE),
      resourceType: fc.option(fc.constantFrom("Observation", "Condition", "Patient", "Consent", "CareTeam"), {
        nil: undefined,
      }),
      careTeam: fc.boolean(),
      consents: fc.array(arbConsent, { maxLength: 4 }),
    })
    .map((r): TAccessFacts =>
      facts({ ...r, actor: { id: ME, role: r.role, organization: "Cardiology", patientId: P } }),
    );

  it("property: a covering deny always beats any permit and the care team (without break-glass)", () => {
    fc.assert(
      fc.property(arbFacts, fc.array(arbConsent, { maxLength: 3 }), (f, extra) => {
        const withDeny = { ...f, consents: [...f.consents, ...extra, deny] };
        const d = decideAccess(withDeny);
        const exempt =
          f.actor.role === "PATIENT" ||
          f.actor.role === "COMPLIANCE_OFFICER" ||
          f.resourceType === "CareTeam" ||
          f.patientId === null;
        if (!exempt) expect(d.decision).toBe("deny");
      }),
    );
  });

  it("property: adding a consent deny never turns a denial into a permit", () => {
    fc.assert(
      fc.property(arbFacts, arbConsent, (f, c) => {
        const before = decideAccess(f);
        const after = decideAccess({ ...f, consents: [...f.consents, { ...c, provisionType: "deny" }] });
        if (before.decision === "deny") expect(after.decision).toBe("deny");
      }),
    );
  });

  it("property: removing the break-glass never widens access", () => {
    fc.assert(
      fc.property(arbFacts, (f) => {
        const without = decideAccess({ ...f, breakGlass: false });
        const withIt = decideAccess({ ...f, breakGlass: true });
        if (without.decision === "permit")
          expect(withIt.decision === "permit" || f.resourceType === "CareTeam").toBe(true);
      }),
    );
  });
});
