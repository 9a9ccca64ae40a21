import { describe, expect, it } from "vitest";
import { validateBundle } from "./validate-bundle";

const patient = {
  resourceType: "Patient",
  identifier: [{ system: "urn:healthledger:mrn", value: "MRN9000001" }],
  name: [{ family: "Testperson", given: ["Ada"] }],
  birthDate: "1980-02-03",
};
const observation = {
  resourceType: "Observation",
  status: "final",
  code: { text: "Heart rate" },
  subject: { reference: "urn:uuid:p1" },
  effectiveDateTime: "2026-01-02T10:00:00Z",
  valueQuantity: { value: 72, unit: "/min" },
};
const condition = {
  resourceType: "Condition",
  code: { coding: [{ system: "http://snomed.info/sct", code: "195967001" }] },
  subject: { reference: "urn:uuid:p1" },
};
const bundle = (entry: unknown[], type = "collection") => ({ resourceType: "Bundle", type, entry });

describe("FHIR bundle validation", () => {
  it("accepts a collection of a patient with conditions and observations", () => {
    const r = validateBundle(
      bundle([{ fullUrl: "urn:uuid:p1", resource: patient }, { resource: condition }, { resource: observation }]),
    );
    expect(r.ok && r.patients[0].clinical.map((c) => c.resourceType)).toEqual(["Condition", "Observation"]);
  });

  it("lists every problem with its path, and never stops at the first", () => {
    const r = validateBundle(
      bundle([
        { fullUrl: "urn:uuid:p1", resource: { ...patient, birthDate: "3 Feb 1980" } },
        { resource: { ...observation, valueQuantity: { value: "72" } } },
        { resource: { resourceType: "MedicationRequest" } },
        { resource: { ...condition, subject: { reference: "urn:uuid:nobody" } } },
      ]),
    );
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems.map((p) => p.path)).toEqual([
      "entry[0].resource.birthDate",
      "entry[1].resource.valueQuantity.value",
      "entry[2].resource.resourceType",
      "entry[3].resource.subject.reference",
    ]);
    expect(problems[1].message).toMatch(/^expected number/);
    expect(problems[2].message).toContain('unsupported resource type "MedicationRequest"');
  });

  it("rejects non-bundles, other bundle types, PUT entries and bundles without a patient", () => {
    expect(validateBundle({ resourceType: "Patient" })).toMatchObject({
      ok: false,
      problems: [{ path: "resourceType" }, { path: "type" }, { path: "entry" }],
    });
    expect(validateBundle(bundle([{ resource: patient }], "searchset"))).toMatchObject({
      ok: false,
      problems: [{ path: "type" }],
    });
    expect(
      validateBundle(bundle([{ resource: patient, request: { method: "PUT", url: "Patient/1" } }], "transaction")),
    ).toMatchObject({ ok: false, problems: [{ path: "entry[0].request.method" }] });
    expect(validateBundle(bundle([{ resource: patient }], "transaction"))).toMatchObject({
      ok: false,
      problems: [{ path: "entry[0].request" }],
    });
    expect(
      validateBundle(bundle([{ resource: { ...observation, subject: { reference: "Patient/x" } } }])),
    ).toMatchObject({ ok: false });
  });

  it("never echoes submitted values in its messages", () => {
    const r = validateBundle(bundle([{ fullUrl: "urn:uuid:p1", resource: { ...patient, gender: "Ada-Testperson" } }]));
    expect(JSON.stringify(r)).not.toContain("Ada-Testperson");
  });
});
