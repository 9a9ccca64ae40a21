import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { dumpDatabase } from "@/test/dump-database";
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
let patientId: string;
const officer = { id: "0193a1b2-0000-7000-8000-0000000000c1", role: "COMPLIANCE_OFFICER" as const };
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
const SECRETS = ["Oncology Partners LLP", "Springfield Police", "HIV viral load", "12 Elm Street", "subpoena 42"];

async function disclose(over: Record<string, string>, supersedesId?: string) {
  const entry = ZDisclosureInput.parse({
    disclosedAt: daysAgo(30),
    recipientName: "County Public Health Department",
    recipientAddress: "100 Civic Plaza",
    description: "HIV viral load results",
    purpose: "Mandatory communicable disease report",
    legalBasis: "public_health",
    ...over,
  });
  return writeDisclosure(db.prisma, { patientId, recordedById: officer.id, entry, supersedesId });
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  const p = makeSyntheticPatient(new Faker({ locale: [en], seed: 528 }), 1);
  patientId = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: [] })))
    .patientId;
  // Three reports to the health department for one purpose (spelled a little differently): one group.
  await disclose({ disclosedAt: daysAgo(300) });
  await disclose({ disclosedAt: daysAgo(200), recipientName: "county public health  department" });
  await disclose({ disclosedAt: daysAgo(100) });
  // One law-enforcement disclosure, later corrected: only the correction is accounted.
  const wrong = await disclose({
    disclosedAt: daysAgo(50),
    recipientName: "Springfield Police",
    recipientAddress: "12 Elm Street",
    description: "Emergency room visit dates",
    purpose: "subpoena 41",
    legalBasis: "law_enforcement",
  });
  await disclose(
    {
      disclosedAt: daysAgo(50),
      recipientName: "Springfield Police",
      recipientAddress: "12 Elm Street",
      description: "Emergency room visit dates",
      purpose: "subpoena 42",
      legalBasis: "law_enforcement",
    },
    wrong.id,
  );
  // Excluded by 164.528(a)(1): treatment, to the individual, a limited data set.
  await disclose({ recipientName: "Oncology Partners LLP", purpose: "Referral", legalBasis: "tpo" });
  await disclose({ recipientName: "The patient", purpose: "Own copy", legalBasis: "to_individual" });
  await disclose({ recipientName: "Research Unit", purpose: "Study", legalBasis: "limited_data_set" });
  // Outside the six years.
  await disclose({ disclosedAt: daysAgo(7 * 366), recipientName: "Old Court", legalBasis: "judicial" });
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

async function issueAndOpen(request: Record<string, unknown>) {
  const issued = await issueReport(
    { type: "hipaa_disclosure_accounting", patientId, ...request },
    officer,
    harness.deps,
  );
  const bundle = await readReportBundle(db.prisma, issued.id, officer);
  return { issued, bundle, files: unzipSync(bundle.bytes) };
}

describe("the HIPAA accounting of disclosures", () => {
  it("accounts the six years less the named exclusions, summarises repeats, cites each disclosure, and verifies", async () => {
    const { issued, bundle, files } = await issueAndOpen({});
    const report = JSON.parse(strFromU8(files["report.json"]));
    expect(report).toMatchObject({
      format: "healthledger.hipaa-disclosure-accounting/v1",
      reportType: "hipaa_disclosure_accounting",
      totals: { registerEntries: 7, accounted: 4, excluded: 3, corrected: 1, groups: 2 },
    });
    const removed = Object.fromEntries(
      report.exclusions.map((x: { code: string; removed: number }) => [x.code, x.removed]),
    );
    expect(removed).toMatchObject({
      tpo: 1,
      to_individual: 1,
      limited_data_set: 1,
      authorization: 0,
      before_compliance_date: 0,
    });
    expect(report.exclusions).toHaveLength(10);
    expect(report.repeated).toEqual([
      expect.objectContaining({
        recipientName: "County Public Health Department",
        count: 3,
        everyDays: 100,
        firstAt: `${daysAgo(300)}T00:00:00.000Z`,
        lastAt: `${daysAgo(100)}T00:00:00.000Z`,
      }),
    ]);
    const police = report.disclosures.find((d: { recipientName: string }) => d.recipientName === "Springfield Police");
    expect(police).toMatchObject({
      purpose: "subpoena 42",
      recipientAddress: "12 Elm Street",
      legalBasis: "law_enforcement",
    });
    expect(strFromU8(files["rows.csv"]).trim().split("\r\n")).toHaveLength(5);
    expect(strFromU8(files["rows.csv"])).not.toContain("Oncology Partners");

    const trust = { trustedCasDer: [harness.evidence.ca.der], trustedReportKeyPem: getReportSigningKey().publicKeyPem };
    const v = await verifyEvidenceBundle(bundle.bytes, trust);
    expect(v.failed).toEqual([]);
    expect(v).toMatchObject({ ok: true, citedLeaves: 4 });
    // Each cited index is the disclosure's own leaf.
    const leaves = await db.prisma.ledgerEntry.findMany({
      where: { kind: "disclosure", rowId: { in: report.disclosures.map((d: { id: string }) => d.id) } },
    });
    expect(leaves.map((l) => Number(l.index)).sort()).toEqual(
      report.disclosures.map((d: { ledgerIndex: number }) => d.ledgerIndex).sort(),
    );

    // A byte changed in report.json or rows.csv is caught.
    for (const name of ["report.json", "rows.csv"]) {
      const changed = { ...files, [name]: new Uint8Array(files[name]) };
      changed[name][10] ^= 1;
      expect((await verifyEvidenceBundle(zipSync(changed), trust)).ok).toBe(false);
    }

    // No PHI in the clear anywhere in the database: the leaf, the scope, the access events.
    const row = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.scope).toMatch(/^patient:[^ ]+$/);
    const { text } = await dumpDatabase(db.superuserUrl);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }, 180_000);

  it("covers a chosen part of the six years, and refuses a period reaching further back", async () => {
    const { files } = await issueAndOpen({
      period: {
        from: new Date(Date.now() - 150 * DAY).toISOString(),
        to: new Date(Date.now() - 40 * DAY).toISOString(),
      },
    });
    const report = JSON.parse(strFromU8(files["report.json"]));
    expect(report.totals).toMatchObject({ registerEntries: 2, accounted: 2, excluded: 0 });
    expect(report.repeated).toEqual([]);

    const before = await db.prisma.issuedReport.count();
    await expect(
      issueReport(
        {
          type: "hipaa_disclosure_accounting",
          patientId,
          period: {
            from: new Date(Date.now() - 2200 * DAY).toISOString(),
            to: new Date(Date.now() - 100 * DAY).toISOString(),
          },
        },
        officer,
        harness.deps,
      ),
    ).rejects.toMatchObject({ code: "unprocessable", message: expect.stringMatching(/six years/) });
    await expect(issueReport({ type: "hipaa_disclosure_accounting" }, officer, harness.deps)).rejects.toMatchObject({
      code: "unprocessable",
    });
    expect(await db.prisma.issuedReport.count()).toBe(before);
  }, 180_000);

  it("is refused (409) once the patient is erased", async () => {
    await db.prisma.patient.update({ where: { id: patientId }, data: { wrappedKey: null, erasedAt: new Date() } });
    await expect(
      issueReport({ type: "hipaa_disclosure_accounting", patientId }, officer, harness.deps),
    ).rejects.toMatchObject({ code: "conflict" });
  }, 60_000);
});
