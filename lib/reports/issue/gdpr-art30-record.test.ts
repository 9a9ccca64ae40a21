import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { ZDisclosureInput } from "@/lib/access/disclosures/disclosure-input";
import { writeDisclosure } from "@/lib/access/disclosures/write-disclosure";
import { getReportSigningKey } from "@/lib/config/report-signing-key";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { createPatient } from "@/lib/vault/create-patient";
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import { issueReport } from "./issue-report";
import { readReportBundle } from "./read-report-bundle";
import { startIssueHarness, type TIssueHarness } from "./testing/issue-fixtures";

let db: TTestDatabase;
let pool: LedgerPool;
let harness: TIssueHarness;
const officer = { id: "0193a1b2-0000-7000-8000-0000000000c1", role: "COMPLIANCE_OFFICER" as const };
const RECIPIENT = "Springfield Police Department";

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  const faker = new Faker({ locale: [en], seed: 30 });
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const p = makeSyntheticPatient(faker, i + 1);
    ids.push(
      (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: p.clinical })))
        .patientId,
    );
  }
  for (const legalBasis of ["public_health", "public_health", "law_enforcement"]) {
    const entry = ZDisclosureInput.parse({
      disclosedAt: "2026-01-10",
      recipientName: RECIPIENT,
      recipientAddress: "1 Main Street",
      description: "Visit dates",
      purpose: "Report",
      legalBasis,
    });
    await writeDisclosure(db.prisma, { patientId: ids[0], recordedById: officer.id, entry });
  }
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

describe("the GDPR Art. 30 record of processing", () => {
  it("lists purposes, data subjects, data categories, recipients by legal basis, retention and measures, and verifies", async () => {
    const issued = await issueReport({ type: "gdpr_art30_record" }, officer, harness.deps);
    const bundle = await readReportBundle(db.prisma, issued.id, officer);
    const files = unzipSync(bundle.bytes);
    const report = JSON.parse(strFromU8(files["report.json"]));
    const records = await db.prisma.record.groupBy({ by: ["resourceType"], _count: { _all: true } });
    expect(report).toMatchObject({
      format: "healthledger.gdpr-art30-record/v1",
      reportType: "gdpr_art30_record",
      dataSubjects: [{ category: "patients", patients: 2, erasedPatients: 0 }],
      recipients: [
        { legalBasis: "public_health", disclosures: 2 },
        { legalBasis: "law_enforcement", disclosures: 1 },
      ],
      controllerFields: { controllerName: null, dataProtectionOfficer: null },
    });
    for (const r of records)
      expect(report.dataCategories).toContainEqual({ resourceType: r.resourceType, records: r._count._all });
    expect(report.purposes.map((p: { code: string }) => p.code)).toContain("PATIENT_REQUEST");
    expect(report.securityMeasures.join(" ")).toMatch(/AES-256-GCM.*witness/s);
    const json = strFromU8(files["report.json"]) + strFromU8(files["rows.csv"]);
    expect(json).not.toContain(RECIPIENT);
    expect(json).not.toContain("1 Main Street");

    const trust = { trustedCasDer: [harness.evidence.ca.der], trustedReportKeyPem: getReportSigningKey().publicKeyPem };
    const v = await verifyEvidenceBundle(bundle.bytes, trust);
    expect(v.failed).toEqual([]);
    expect(v.ok).toBe(true);
    for (const name of ["report.json", "rows.csv", "report.pdf"]) {
      const changed = { ...files, [name]: new Uint8Array(files[name]) };
      changed[name][changed[name].length >> 1] ^= 1;
      expect((await verifyEvidenceBundle(zipSync(changed), trust)).ok).toBe(false);
    }
    const row = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.scope).toBe("organization");
  }, 180_000);

  it("counts an erased patient as erased and takes no period", async () => {
    const p = await db.prisma.patient.findFirstOrThrow({ where: { erasedAt: null } });
    await db.prisma.patient.update({ where: { id: p.id }, data: { wrappedKey: null, erasedAt: new Date() } });
    const issued = await issueReport({ type: "gdpr_art30_record" }, officer, harness.deps);
    const files = unzipSync((await readReportBundle(db.prisma, issued.id, officer)).bytes);
    expect(JSON.parse(strFromU8(files["report.json"])).dataSubjects[0]).toMatchObject({
      patients: 1,
      erasedPatients: 1,
    });
    await expect(
      issueReport(
        { type: "gdpr_art30_record", period: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" } },
        officer,
        harness.deps,
      ),
    ).rejects.toMatchObject({ code: "unprocessable" });
  }, 180_000);
});
