import crypto from "node:crypto";
import { Faker, en } from "@faker-js/faker";
import { beforeAll, describe, expect, it } from "vitest";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { TEST_ENV } from "@/test/test-env";
import { createPatient } from "./create-patient";
import { findPatients } from "./find-patients";
import { rehashBlindIndexes } from "./rehash-blind-indexes";

let db: TTestDatabase;
const ids = new Map<string, string>();

/** What the first normalisation stored for a last name: every letter outside a–z dropped. */
function firstIndex(value: string): string {
  const normalized = value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return crypto
    .createHmac("sha256", Buffer.from(TEST_ENV.HL_BLIND_INDEX_KEY, "base64"))
    .update(`lastName\n${normalized}`)
    .digest("base64url");
}

beforeAll(async () => {
  db = await createTestDatabase();
  const faker = new Faker({ locale: [en] });
  faker.seed(31);
  for (const [i, family] of ["Smith", "Łukasiewicz", "Иванов"].entries()) {
    const s = makeSyntheticPatient(faker, 500 + i);
    const patient = { ...s.patient, name: [{ ...s.patient.name?.[0], family }] };
    ids.set(family, (await db.prisma.$transaction((tx) => createPatient(tx, { patient, resources: [] }))).patientId);
  }
});

describe("rehashing blind indexes", () => {
  it("leaves Latin indexes alone and re-indexes names the first normalisation dropped letters of", async () => {
    expect(await rehashBlindIndexes(db.prisma)).toEqual({ checked: 3, changed: 0, failed: [] });
    const smith = await db.prisma.patient.findUniqueOrThrow({ where: { id: ids.get("Smith") } });
    expect(smith.lastNameIndex).toBe(firstIndex("Smith"));

    // A database written before: the non-ASCII names carry their lossy indexes.
    for (const family of ["Łukasiewicz", "Иванов"])
      await db.prisma.patient.update({ where: { id: ids.get(family) }, data: { lastNameIndex: firstIndex(family) } });
    expect((await findPatients(db.prisma, "Иванов")).hits).toEqual([]);

    expect(await rehashBlindIndexes(db.prisma, { batchSize: 2 })).toEqual({ checked: 3, changed: 2, failed: [] });
    expect((await findPatients(db.prisma, "ИВАНОВ")).hits.map((h) => h.patientId)).toEqual([ids.get("Иванов")]);
    expect((await findPatients(db.prisma, "łukasiewicz")).hits.map((h) => h.patientId)).toEqual([
      ids.get("Łukasiewicz"),
    ]);
    expect(await rehashBlindIndexes(db.prisma)).toMatchObject({ changed: 0 });
  });
});
