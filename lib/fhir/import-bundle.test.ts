import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { MAX_BUNDLE_ENTRIES } from "./bundle-schema";
import { exportPatientBundle } from "./export-patient-bundle";
import { importBundle } from "./import-bundle";

let db: TTestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});

const entry = (n: number) => [
  {
    fullUrl: `urn:uuid:p${n}`,
    resource: {
      resourceType: "Patient",
      identifier: [{ system: "urn:healthledger:mrn", value: `MRN77000${n}` }],
      name: [{ family: `Importson${n}` }],
    },
    request: { method: "POST", url: "Patient" },
  },
  {
    resource: {
      resourceType: "Observation",
      status: "final",
      code: { text: "Body weight" },
      subject: { reference: `urn:uuid:p${n}` },
      valueQuantity: { value: 70.5, unit: "kg" },
    },
    request: { method: "POST", url: "Observation" },
  },
];
const bundle = (entries: unknown[]) => ({ resourceType: "Bundle", type: "transaction", entry: entries });
const counts = async () => [
  await db.prisma.patient.count(),
  await db.prisma.record.count(),
  await db.prisma.ledgerQueue.count(),
];

describe("FHIR import and export", () => {
  it("imports a transaction bundle with an anchored access event per patient, and exports it back", async () => {
    const r = await importBundle(db.prisma, { bundle: bundle([...entry(1), ...entry(2)]), actor: null });
    expect(r.patients.map((p) => p.records)).toEqual([2, 2]);
    expect(await db.prisma.accessEvent.count({ where: { subtype: "create", outcome: "0" } })).toBe(2);
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "record_version" } })).toBe(4);
    const out = await exportPatientBundle(db.prisma, r.patients[0].patientId);
    expect(out).toMatchObject({ resourceType: "Bundle", type: "collection" });
    expect(out).not.toHaveProperty("total");
    expect(out.entry?.map((e) => e.resource?.resourceType).sort()).toEqual(["Observation", "Patient"]);
  });

  it("stores nothing when any entry is bad, or when an MRN already exists", async () => {
    const before = await counts();
    const bad = bundle([
      ...entry(3),
      {
        resource: { resourceType: "Observation", status: "done", code: {}, subject: { reference: "urn:uuid:p3" } },
        request: { method: "POST", url: "Observation" },
      },
    ]);
    await expect(importBundle(db.prisma, { bundle: bad, actor: null })).rejects.toMatchObject({
      code: "unprocessable",
      details: expect.arrayContaining([expect.objectContaining({ path: "entry[2].resource.status" })]),
    });
    await expect(
      importBundle(db.prisma, { bundle: bundle([...entry(4), ...entry(1)]), actor: null }),
    ).rejects.toMatchObject({
      code: "unprocessable",
      details: [{ path: "entry[2].resource.identifier", message: "a patient with this MRN already exists" }],
    });
    // Two MRNs of punctuation only would share one blind index and shadow each other.
    const dashes = entry(5);
    dashes[0].resource.identifier = [{ system: "urn:healthledger:mrn", value: "--" }];
    await expect(importBundle(db.prisma, { bundle: bundle(dashes), actor: null })).rejects.toMatchObject({
      code: "unprocessable",
      details: [{ path: "entry[0].resource.identifier", message: "the MRN needs at least one letter or digit" }],
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a bundle with more entries than the cap with one clear problem, and stores nothing", async () => {
    const before = await counts();
    const many = Array.from({ length: MAX_BUNDLE_ENTRIES / 2 + 1 }, (_, i) => entry(100_000 + i)).flat();
    await expect(importBundle(db.prisma, { bundle: bundle(many), actor: null })).rejects.toMatchObject({
      code: "unprocessable",
      details: [{ path: "entry", message: "at most 10,000 entries per bundle" }],
    });
    expect(await counts()).toEqual(before);
  });
});
