import { beforeAll, describe, expect, it } from "vitest";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { readPatientResources } from "@/lib/vault/read-patient-resources";
import { openMfaSecret } from "@/lib/auth/mfa-secret";
import { totpSecretFromBase32 } from "@/lib/auth/totp";
import { DEMO_TOTP_SECRETS } from "./demo-accounts";
import { makeSyntheticPatient } from "./fhir-factories";
import { seedDemo } from "./seed-demo";

let db: TTestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.prisma, { patients: 30, staff: 24 });
});

describe("demo seed", () => {
  it("writes patients, records, staff in several departments and one account per role", async () => {
    expect(await db.prisma.patient.count()).toBe(30);
    expect(await db.prisma.record.count()).toBeGreaterThan(30 * 4);
    const staff = await db.prisma.user.findMany({ where: { role: { not: "PATIENT" } } });
    expect(staff.length).toBe(24 + 6);
    expect(new Set(staff.map((s) => s.department)).size).toBeGreaterThanOrEqual(6);
    const roles = new Set((await db.prisma.user.findMany()).map((u) => u.role));
    expect([...roles].sort()).toEqual(["ADMIN", "AUDITOR", "CLINICIAN", "COMPLIANCE_OFFICER", "PATIENT"]);
  });

  it("enrols the demo admins and compliance officers in TOTP with the documented secrets", async () => {
    for (const [email, base32] of Object.entries(DEMO_TOTP_SECRETS)) {
      const u = await db.prisma.user.findUniqueOrThrow({ where: { email } });
      expect(u.mfaEnabledAt).toBeInstanceOf(Date);
      expect(openMfaSecret(u.id, u.mfaSecret!)).toEqual(totpSecretFromBase32(base32));
    }
    const clinician = await db.prisma.user.findUniqueOrThrow({ where: { email: "clinician@healthledger.test" } });
    expect(clinician.mfaSecret).toBeNull();
  });

  it("gives some staff a patient's last name or address, found through blind indexes only", async () => {
    const sameName = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "User" u JOIN "Patient" p ON p."lastNameIndex" = u."lastNameIndex"`;
    const sameAddress = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "User" u JOIN "Patient" p ON p."addressIndex" = u."addressIndex"`;
    expect(Number(sameName[0].n)).toBeGreaterThan(0);
    expect(Number(sameAddress[0].n)).toBeGreaterThan(0);
  });

  it("is deterministic and decrypts back to the generated FHIR resources", async () => {
    const faker = new Faker({ locale: [en] });
    faker.seed(2026);
    const first = makeSyntheticPatient(faker, 1);
    const portal = await db.prisma.user.findUniqueOrThrow({ where: { email: "patient@healthledger.test" } });
    const records = await readPatientResources(db.prisma, { patientId: portal.patientId! });
    const patient = records.find((r) => r.resourceType === "Patient")!.resource;
    expect(patient).toMatchObject({
      name: first.patient.name,
      birthDate: first.patient.birthDate,
      identifier: first.patient.identifier,
    });
    const obs = records.filter((r) => r.resourceType === "Observation").map((r) => r.resource);
    expect(obs[0]).toMatchObject({
      subject: { reference: `Patient/${portal.patientId}` },
      valueQuantity: { system: "http://unitsofmeasure.org" },
    });
  });

  it("stores no plaintext patient name, MRN or address anywhere in the patient tables", async () => {
    const faker = new Faker({ locale: [en] });
    faker.seed(2026);
    const p = makeSyntheticPatient(faker, 1);
    const needles = [p.mrn, `${p.patient.name![0].given![0]} ${p.lastName}`, p.addressLine.split(",")[0]];
    const client = await db.superuser();
    for (const table of ["Patient", "Record", "RecordVersion", "AccessEvent"]) {
      const { rows } = await client.query(`SELECT t::text AS row FROM "${table}" t`);
      const text = rows.map((r) => r.row).join("\n");
      for (const n of needles) expect(text.includes(n), `${table} contains ${n}`).toBe(false);
    }
  });
});
