import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { importAccessEvents } from "@/lib/access/import-access-events";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { validateBundle } from "@/lib/fhir/validate-bundle";
import { validateR4 } from "@/lib/fhir/testing/validate-r4";
import { createPatient } from "@/lib/vault/create-patient";
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import { issueOwnReport } from "./issue-own-report";
import { readReportBundle } from "./read-report-bundle";
import { startIssueHarness, type TIssueHarness } from "./testing/issue-fixtures";

let db: TTestDatabase;
let pool: LedgerPool;
let harness: TIssueHarness;
let patientId: string;
let otherId: string;
let familyName: string;
const nurse = "0193a1b2-0000-7000-8000-0000000000d1";
const self = (id: string) => ({ id: "0193a1b2-0000-7000-8000-0000000000e1", role: "PATIENT" as const, patientId: id });

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  const faker = new Faker({ locale: [en], seed: 15 });
  const [p, q] = [makeSyntheticPatient(faker, 1), makeSyntheticPatient(faker, 2)];
  familyName = p.patient.name?.[0]?.family ?? "";
  patientId = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: p.clinical })))
    .patientId;
  otherId = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: q.patient, resources: [] }))).patientId;
  await db.prisma.user.create({
    data: {
      id: nurse,
      email: "n@t",
      displayName: "Ana Núñez",
      role: "CLINICIAN",
      department: "Cardiology",
      passwordHash: "x",
    },
  });
  const client = await pool.connect();
  await client.query("BEGIN");
  await importAccessEvents(client, [
    {
      type: "rest",
      subtype: "read",
      action: "R",
      outcome: "0",
      actorId: nurse,
      actorRole: "CLINICIAN",
      purposeOfUse: "TREAT",
      patientId,
      entityWhat: `Patient/${patientId}`,
      recorded: new Date(Date.now() - 86_400_000),
      requestId: crypto.randomUUID(),
    },
  ]);
  await client.query("COMMIT");
  client.release();
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

async function issue(identity: "role" | "name") {
  process.env.HL_ART15_STAFF_IDENTITY = identity;
  try {
    const issued = await issueOwnReport({ type: "gdpr_art15_access" }, self(patientId), harness.deps);
    const bundle = await readReportBundle(db.prisma, issued.id, self(patientId));
    return { issued, bytes: bundle.bytes, files: unzipSync(bundle.bytes) };
  } finally {
    delete process.env.HL_ART15_STAFF_IDENTITY;
  }
}

describe("the GDPR Art. 15 access package", () => {
  it("holds a valid FHIR copy, the consultations by role, verifies, and any changed file fails", async () => {
    const { issued, bytes, files } = await issue("role");
    const report = JSON.parse(strFromU8(files["report.json"]));
    const copy = JSON.parse(strFromU8(files["data.fhir.json"]));
    expect(validateBundle(copy).ok).toBe(true);
    expect(validateR4(copy)).toEqual([]);
    expect(report.categories.map((c: { resourceType: string }) => c.resourceType)).toContain("Patient");
    expect(report.consultations).toEqual([
      expect.objectContaining({ actorRole: "CLINICIAN", department: "Cardiology", purposeOfUse: "TREAT" }),
    ]);
    expect(strFromU8(files["report.json"])).not.toContain("Ana Núñez");
    expect(strFromU8(files["rows.csv"])).not.toContain("Ana Núñez");
    const v = await verifyEvidenceBundle(bytes, { trustedCasDer: [harness.evidence.ca.der] });
    expect(v.failed).toEqual([]);
    for (const name of Object.keys(files)) {
      const changed = { ...files, [name]: files[name].slice() };
      changed[name][Math.floor(changed[name].length / 2)] ^= 1;
      const r = await verifyEvidenceBundle(zipSync(changed), { trustedCasDer: [harness.evidence.ca.der] });
      expect(r.ok, name).toBe(false);
      expect(
        r.failed.map((c) => c.file),
        name,
      ).toContain(name);
    }
    // No PHI in the leaf's scope or the access events.
    const row = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.scope).toMatch(/^patient:[^ ]+$/);
    const events = JSON.stringify(await db.prisma.accessEvent.findMany());
    expect(events).not.toContain(familyName);
    expect(row.scope).not.toContain(familyName);
  }, 180_000);

  it("names the staff when the controller's policy says so", async () => {
    const { files } = await issue("name");
    const report = JSON.parse(strFromU8(files["report.json"]));
    expect(report.staffIdentity).toBe("name");
    expect(report.consultations[0]).toMatchObject({ actorName: "Ana Núñez", actorRole: "CLINICIAN" });
  }, 180_000);

  it("refuses another patient's package, and an erased patient's (409)", async () => {
    await expect(
      issueOwnReport({ type: "gdpr_art15_access", patientId: otherId }, self(patientId), harness.deps),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await db.prisma.patient.update({ where: { id: patientId }, data: { wrappedKey: null, erasedAt: new Date() } });
    await expect(issueOwnReport({ type: "gdpr_art15_access" }, self(patientId), harness.deps)).rejects.toMatchObject({
      code: "conflict",
    });
  }, 60_000);
});
