import { Faker, en } from "@faker-js/faker";
import { beforeAll, describe, expect, it } from "vitest";
import { createPatient } from "@/lib/vault/create-patient";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { exportPatientBundle } from "./export-patient-bundle";
import { importBundle } from "./import-bundle";
import { validateR4 } from "./testing/validate-r4";

let db: TTestDatabase;
let seeded: string[];
let imported: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const faker = new Faker({ locale: [en] });
  faker.seed(13);
  const synthetic = Array.from({ length: 4 }, (_, i) => makeSyntheticPatient(faker, i + 1));
  seeded = await db.prisma.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const p of synthetic)
      ids.push((await createPatient(tx, { patient: p.patient, resources: p.clinical })).patientId);
    return ids;
  });
  // Imported through the FHIR API path, with the elements import accepts and stores as given.
  const r = await importBundle(db.prisma, {
    actor: null,
    bundle: {
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        {
          fullUrl: "urn:uuid:b4d1a5e0-0000-4000-8000-000000000001",
          resource: {
            resourceType: "Patient",
            identifier: [{ system: "urn:healthledger:mrn", value: "MRN7130001" }],
            name: [{ family: "Exportson", given: ["Ada", "B."], use: "official" }],
            gender: "other",
            birthDate: "1961-07",
          },
          request: { method: "POST", url: "Patient" },
        },
        {
          resource: {
            resourceType: "Condition",
            code: { text: "Seasonal allergy" },
            subject: { reference: "urn:uuid:b4d1a5e0-0000-4000-8000-000000000001" },
            recordedDate: "2025-05-01T08:00:00+02:00",
          },
          request: { method: "POST", url: "Condition" },
        },
        {
          resource: {
            resourceType: "Observation",
            status: "preliminary",
            code: { text: "Mood" },
            subject: { reference: "urn:uuid:b4d1a5e0-0000-4000-8000-000000000001" },
            valueString: "calm",
          },
          request: { method: "POST", url: "Observation" },
        },
      ],
    },
  });
  imported = r.patients[0].patientId;
});

describe("exportPatientBundle", () => {
  it("is a collection Bundle without total (bdl-1) that an R4 validator accepts, as is every resource in it", async () => {
    const types = new Set<string>();
    for (const patientId of [...seeded, imported]) {
      const bundle = await exportPatientBundle(db.prisma, patientId);
      expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
      expect(bundle).not.toHaveProperty("total");
      expect(validateR4(bundle)).toEqual([]);
      for (const e of bundle.entry!) {
        expect(e.search).toBeUndefined();
        expect(e.fullUrl).toBe(`urn:uuid:${e.resource!.id}`);
        expect(validateR4(e.resource!)).toEqual([]);
        types.add(e.resource!.resourceType);
      }
    }
    expect([...types].sort()).toEqual(["Condition", "Observation", "Patient"]);
  });
});
