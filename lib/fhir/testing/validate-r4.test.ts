import type * as fhir4 from "fhir/r4";
import { describe, expect, it } from "vitest";
import { validateR4 } from "./validate-r4";

// The validator finds what its header says it finds: each case breaks one rule of R4.
const basic = { resourceType: "Basic", code: { text: "note" } } as const;
const entry = (fullUrl: string, extra: object = {}) => ({ fullUrl, resource: basic, ...extra });
const messages = (r: object) => validateR4(r as fhir4.Resource).map((i) => `${i.path}: ${i.message}`);

describe("validateR4", () => {
  it("accepts valid resources", () => {
    expect(messages({ resourceType: "Bundle", type: "searchset", total: 1, entry: [entry("urn:uuid:1")] })).toEqual([]);
    expect(messages({ resourceType: "Patient", gender: "female", birthDate: "1970-01-02" })).toEqual([]);
  });

  it("evaluates the Bundle invariants bdl-1, bdl-2, bdl-7, bdl-8 and bdl-9", () => {
    expect(messages({ resourceType: "Bundle", type: "collection", total: 1, entry: [entry("urn:uuid:1")] })).toEqual([
      "Bundle: Constraint bdl-1 not met: total only when a search or history",
    ]);
    expect(
      messages({
        resourceType: "Bundle",
        type: "collection",
        entry: [entry("urn:uuid:1", { search: { mode: "match" } })],
      }),
    ).toEqual(["Bundle: Constraint bdl-2 not met: entry.search only when a search"]);
    expect(
      messages({ resourceType: "Bundle", type: "collection", entry: [entry("urn:uuid:1"), entry("urn:uuid:1")] }),
    ).toEqual([expect.stringContaining("bdl-7 not met")]);
    expect(
      messages({ resourceType: "Bundle", type: "collection", entry: [entry("http://x.test/Basic/1/_history/2")] }),
    ).toEqual([expect.stringContaining("bdl-8 not met")]);
    expect(messages({ resourceType: "Bundle", type: "document" })).toEqual([expect.stringContaining("bdl-9 not met")]);
  });

  it("evaluates invariants of other resources and data types: sev-1, ppc-1, ext-1", () => {
    const event = {
      resourceType: "AuditEvent",
      type: { code: "rest" },
      recorded: "2026-03-01T10:00:00Z",
      agent: [{ requestor: true }],
      source: { observer: { display: "x" } },
      entity: [{ name: "n", query: "cT0x" }],
    };
    expect(messages(event)).toEqual([
      "AuditEvent.entity[0]: Constraint sev-1 not met: Either a name or a query (NOT both)",
    ]);
    expect(
      messages({ resourceType: "Consent", status: "active", scope: { text: "s" }, category: [{ text: "c" }] }),
    ).toEqual(["Consent: Constraint ppc-1 not met: Either a Policy or PolicyRule"]);
    expect(messages({ resourceType: "Patient", extension: [{ url: "urn:x" }] })).toEqual([
      "Patient.extension[0]: Constraint ext-1 not met: Must have either extensions or value[x], not both",
    ]);
  });

  it("checks cardinality, types, unknown and empty elements and primitive formats, nested resources too", () => {
    expect(messages({ resourceType: "Observation", code: { text: "x" } })).toEqual([
      "Observation.status: Missing required property",
    ]);
    expect(
      messages({
        resourceType: "Bundle",
        type: "collection",
        entry: [{ fullUrl: "urn:uuid:1", resource: { resourceType: "Observation", code: { text: "x" } } }],
      }),
    ).toEqual(["Bundle.entry[0].resource.status: Missing required property"]);
    expect(messages({ resourceType: "Patient", active: "yes" })).toEqual([
      "Patient.active: Invalid JSON type: expected boolean, but got string",
    ]);
    expect(messages({ resourceType: "Patient", nickname: "x" })).toEqual([
      'Patient.nickname: Invalid additional property "nickname"',
    ]);
    expect(messages({ resourceType: "Patient", name: [{}] })).toEqual([
      "Patient.name[0]: Invalid empty non-primitive value",
    ]);
    expect(messages({ resourceType: "Patient", birthDate: "yesterday" })).toEqual([
      "Patient.birthDate: Invalid date format",
    ]);
  });

  it("refuses empty arrays and strings, which Medplum's validator lets through", () => {
    expect(messages({ resourceType: "Bundle", type: "searchset", total: 0, entry: [] })).toEqual([
      "Bundle.entry: empty array (leave the element out)",
    ]);
    expect(messages({ resourceType: "Patient", name: [{ family: "" }] })).toEqual([
      "Patient.name[0].family: empty string",
    ]);
  });

  it("checks codes, Codings and CodeableConcepts against required bindings, which Medplum's validator does not", () => {
    expect(messages({ resourceType: "Patient", gender: "f" })).toEqual([
      'Patient.gender: "f" is not in the required ValueSet http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1',
    ]);
    expect(
      messages({
        resourceType: "Bundle",
        type: "searchset",
        entry: [entry("urn:uuid:1", { search: { mode: "hit" } })],
      }),
    ).toEqual([expect.stringContaining('Bundle.entry.search.mode: "hit" is not in the required ValueSet')]);
    const condition = (clinicalStatus: object) => ({
      resourceType: "Condition",
      clinicalStatus,
      code: { text: "Asthma" },
      subject: { reference: "Patient/1" },
    });
    const clinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    expect(messages(condition({ coding: [{ system: clinical, code: "active" }] }))).toEqual([]);
    expect(messages(condition({ coding: [{ system: clinical, code: "ongoing" }] }))).toEqual([
      expect.stringContaining("Condition.clinicalStatus: "),
    ]);
    expect(messages(condition({ text: "active" }))).toEqual([expect.stringContaining("Condition.clinicalStatus: ")]);
  });
});
