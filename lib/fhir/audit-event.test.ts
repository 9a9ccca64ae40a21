import { describe, expect, it } from "vitest";
import type { AccessEvent } from "@/lib/generated/prisma/client";
import { toAuditEvent } from "./audit-event";

const base: AccessEvent = {
  id: "6c1f0e2a-51d8-4e9a-8b6f-1c2d3e4f5a6b",
  recorded: new Date("2026-03-01T08:30:00.123Z"),
  type: "rest",
  subtype: "read",
  action: "R",
  outcome: "0",
  outcomeDesc: null,
  actorId: "00000000-0000-4000-8000-0000000000c1",
  actorRole: "CLINICIAN",
  network: "10.0.0.7",
  userAgent: "Mozilla/5.0",
  purposeOfUse: "TREAT",
  patientId: "3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f",
  entityWhat: "Patient/3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f",
  query: "name=Smith",
  requestId: "req-1",
};
const map = (e: Partial<AccessEvent>, ledgerIndex?: bigint) =>
  toAuditEvent({ ...base, ...e }, { observer: "healthledger.example/log", ledgerIndex });

describe("access event → FHIR AuditEvent (BALP)", () => {
  it("maps a RESTful read of a patient with agent, source, patient entity and request id", () => {
    const a = map({});
    expect(a).toMatchObject({
      resourceType: "AuditEvent",
      id: base.id,
      recorded: "2026-03-01T08:30:00.123Z",
      action: "R",
      outcome: "0",
      type: { system: "http://terminology.hl7.org/CodeSystem/audit-event-type", code: "rest" },
      subtype: [{ system: "http://hl7.org/fhir/restful-interaction", code: "read" }],
      purposeOfEvent: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "TREAT" }] }],
      source: { observer: { display: "healthledger.example/log" }, type: [{ code: "4" }] },
    });
    expect(a.agent).toEqual([
      expect.objectContaining({
        who: { identifier: { system: "urn:healthledger:user", value: base.actorId } },
        requestor: true,
        role: [{ coding: [{ system: "urn:healthledger:role", code: "CLINICIAN" }] }],
        network: { address: "10.0.0.7", type: "2" },
        extension: [{ url: "urn:healthledger:fhir:StructureDefinition/user-agent", valueString: "Mozilla/5.0" }],
      }),
    ]);
    // The patient appears once (entityWhat is the same reference), then the request id.
    expect(a.entity).toEqual([
      {
        what: { reference: `Patient/${base.patientId}` },
        type: expect.objectContaining({ code: "1" }),
        role: expect.objectContaining({ code: "1" }),
      },
      { what: { identifier: { value: "req-1" } }, type: expect.objectContaining({ code: "XrequestId" }) },
    ]);
    expect(a.extension).toBeUndefined();
  });

  it("never exports the raw query text, only the kind of search", () => {
    const a = map({ subtype: "search-type", action: "E", patientId: null, entityWhat: "Patient?by=lastName" });
    expect(JSON.stringify(a)).not.toContain("Smith");
    expect(a.entity?.[0]).toMatchObject({ role: { code: "24" }, description: "Patient?by=lastName" });
    expect(a.entity?.some((e) => "query" in e)).toBe(false);
  });

  it("maps sign-in, failed sign-in and lockout with DICOM codes and the reason", () => {
    const login = map({
      type: "110114",
      subtype: "110122",
      action: "E",
      outcome: "4",
      outcomeDesc: "wrong password; account locked",
      patientId: null,
      purposeOfUse: null,
      entityWhat: `User/${base.actorId}`,
    });
    expect(login.type).toEqual({
      system: "http://dicom.nema.org/resources/ontology/DCM",
      code: "110114",
      display: "User Authentication",
    });
    expect(login.subtype).toEqual([
      { system: "http://dicom.nema.org/resources/ontology/DCM", code: "110122", display: "Login" },
    ]);
    expect(login).toMatchObject({ outcome: "4", outcomeDesc: "wrong password; account locked" });
    expect(login.purposeOfEvent).toBeUndefined();
    expect(login.entity?.[0]).toMatchObject({ what: { identifier: { value: base.actorId } }, role: { code: "11" } });
    const unknown = map({
      type: "110114",
      subtype: "110122",
      actorId: null,
      actorRole: null,
      entityWhat: null,
      patientId: null,
    });
    expect(unknown.agent[0].who).toEqual({ display: "unknown user" });
    expect(unknown.agent[0].role).toBeUndefined();
    expect(map({ type: "110114", subtype: "110123" }).subtype?.[0]).toMatchObject({
      code: "110123",
      display: "Logout",
    });
  });

  it.each([
    ["PAYMENT", "HPAYMT"],
    ["OPERATIONS", "HOPERAT"],
    ["RESEARCH", "HRESCH"],
    ["PUBLIC_HEALTH", "PUBHLTH"],
    ["LEGAL", "HLEGAL"],
    ["PATIENT_REQUEST", "PATRQT"],
    ["ETREAT", "ETREAT"],
  ])("maps purpose %s to v3-ActReason %s on the event and the agent", (purpose, code) => {
    const a = map({ purposeOfUse: purpose });
    expect(a.purposeOfEvent?.[0].coding?.[0]).toMatchObject({
      system: "http://terminology.hl7.org/CodeSystem/v3-ActReason",
      code,
    });
    expect(a.agent[0].purposeOfUse?.[0].coding?.[0].code).toBe(code);
  });

  it("codes export as an operation plus DICOM Export, keeps other resources, and carries the ledger index", () => {
    const a = map({ subtype: "export", entityWhat: "Observation/abc-1" }, 12345678901n);
    expect(a.subtype).toEqual([
      { system: "http://hl7.org/fhir/restful-interaction", code: "operation" },
      expect.objectContaining({ code: "110106" }),
    ]);
    expect(a.entity?.[1]).toMatchObject({ what: { reference: "Observation/abc-1" }, role: { code: "4" } });
    expect(a.extension).toEqual([
      { url: "urn:healthledger:fhir:StructureDefinition/ledger-index", valueString: "12345678901" },
    ]);
  });

  it("keeps unknown codes in a local system instead of dropping them", () => {
    const a = map({ type: "consent", subtype: "grant", purposeOfUse: "HCOMPL" });
    expect(a.type).toEqual({ system: "urn:healthledger:audit-code", code: "consent" });
    expect(a.subtype).toEqual([{ system: "urn:healthledger:audit-code", code: "grant" }]);
    expect(a.purposeOfEvent?.[0].coding?.[0]).toEqual({ system: "urn:healthledger:audit-code", code: "HCOMPL" });
  });
});
