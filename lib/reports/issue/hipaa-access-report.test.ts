import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { Faker, en } from "@faker-js/faker";
import { importAccessEvents, type THistoricAccessEvent } from "@/lib/access/import-access-events";
import { getReportSigningKey } from "@/lib/config/report-signing-key";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { createPatient } from "@/lib/vault/create-patient";
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import { summariseByPerson } from "./hipaa-access-report";
import { issueReport } from "./issue-report";
import { readReportBundle } from "./read-report-bundle";
import { startIssueHarness, type TIssueHarness } from "./testing/issue-fixtures";

let db: TTestDatabase;
let pool: LedgerPool;
let harness: TIssueHarness;
let patientId: string;
let otherPatientId: string;
const officer = { id: "0193a1b2-0000-7000-8000-0000000000c1", role: "COMPLIANCE_OFFICER" as const };
const nurse = "0193a1b2-0000-7000-8000-0000000000d1";
const doctor = "0193a1b2-0000-7000-8000-0000000000d2";
const DAY = 86_400_000;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  const faker = new Faker({ locale: [en], seed: 15 });
  const [p, q] = [makeSyntheticPatient(faker, 1), makeSyntheticPatient(faker, 2)];
  patientId = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: [] })))
    .patientId;
  otherPatientId = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: q.patient, resources: [] })))
    .patientId;
  await db.prisma.user.createMany({
    data: [
      {
        id: nurse,
        email: "n@t",
        displayName: "Ana Núñez",
        role: "CLINICIAN",
        department: "Cardiology",
        passwordHash: "x",
      },
      {
        id: doctor,
        email: "d@t",
        displayName: "Wei Zhang",
        role: "CLINICIAN",
        department: "Oncology",
        passwordHash: "x",
      },
    ],
  });
  const now = Date.now();
  const ev = (
    actorId: string,
    daysAgo: number,
    o: Partial<{ outcome: "0" | "4"; purpose: string; what: string; pid: string }> = {},
  ): THistoricAccessEvent => ({
    type: "rest",
    subtype: "read",
    action: "R",
    outcome: (o.outcome ?? "0") as "0" | "4",
    actorId,
    actorRole: "CLINICIAN" as const,
    purposeOfUse: o.purpose ?? "TREAT",
    patientId: o.pid ?? patientId,
    entityWhat: o.what ?? `Patient/${o.pid ?? patientId}`,
    recorded: new Date(now - daysAgo * DAY),
    requestId: crypto.randomUUID(),
  });
  const client = await pool.connect();
  await client.query("BEGIN");
  await importAccessEvents(client, [
    ev(nurse, 40),
    ev(nurse, 10, { what: "Observation/0193a1b2-0000-7000-8000-00000000ffff" }),
    ev(doctor, 5, { outcome: "4", purpose: "OPERATIONS" }),
    ev(doctor, 2, { purpose: "PAYMENT" }),
    ev(nurse, 1, { pid: otherPatientId, what: `Patient/${otherPatientId}` }),
    ev(doctor, 4 * 365), // before the default three years
  ]);
  await client.query("COMMIT");
  client.release();
  await sealPending({ pool });
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

describe("the HIPAA access report", () => {
  it("needs a patient on file, and writes nothing when refused", async () => {
    const before = await db.prisma.issuedReport.count();
    await expect(issueReport({ type: "hipaa_access_report" }, officer, harness.deps)).rejects.toMatchObject({
      code: "unprocessable",
    });
    await expect(
      issueReport(
        { type: "hipaa_access_report", patientId: "0193a1b2-0000-7000-8000-00000000beef" },
        officer,
        harness.deps,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      issueReport(
        {
          type: "hipaa_access_report",
          patientId,
          period: { from: new Date(Date.now() + DAY).toISOString(), to: new Date(Date.now() + 2 * DAY).toISOString() },
        },
        officer,
        harness.deps,
      ),
    ).rejects.toMatchObject({ code: "unprocessable" });
    expect(await db.prisma.issuedReport.count()).toBe(before);
  });

  it("lists every access of the last three years, allowed or denied, citing each; stored sealed, verified on download", async () => {
    const issued = await issueReport({ type: "hipaa_access_report", patientId }, officer, harness.deps);
    const row = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    const pseudonym = (await db.prisma.patient.findUniqueOrThrow({ where: { id: patientId } })).pseudonym;
    expect(row).toMatchObject({ scope: `patient:${pseudonym}`, patientId });

    // At rest the bundle is ciphertext under the patient's key, not a ZIP.
    const stored = await db.prisma.issuedReportBundle.findUniqueOrThrow({ where: { reportId: issued.id } });
    expect(Buffer.from(stored.bundle).subarray(0, 2).toString("latin1")).not.toBe("PK");

    const bundle = await readReportBundle(db.prisma, issued.id, officer);
    const v = await verifyEvidenceBundle(bundle.bytes, {
      trustedCasDer: [harness.evidence.ca.der],
      trustedReportKeyPem: getReportSigningKey().publicKeyPem,
    });
    expect(v.failed).toEqual([]);
    expect(v).toMatchObject({ ok: true, citedLeaves: 4 });

    const files = unzipSync(bundle.bytes);
    const report = JSON.parse(strFromU8(files["report.json"]));
    expect(report).toMatchObject({
      format: "healthledger.hipaa-access-report/v1",
      reportType: "hipaa_access_report",
      totals: { accesses: 4, people: 2, denied: 1 },
    });
    expect(report.accesses.map((a: { purposeOfUse: string }) => a.purposeOfUse)).toEqual([
      "TREAT",
      "TREAT",
      "OPERATIONS",
      "PAYMENT",
    ]);
    expect(strFromU8(files["rows.csv"]).trim().split("\r\n")).toHaveLength(5);
    // The other patient's access is not in this report.
    expect(strFromU8(files["rows.csv"])).not.toContain(otherPatientId);

    // The issue and the download are access events about the patient: they show in who-looked.
    const events = await db.prisma.accessEvent.findMany({
      where: { entityWhat: { in: [`IssuedReport/${issued.id}`, `IssuedReport/${issued.id}/bundle`] } },
    });
    expect(events.map((e) => e.patientId)).toEqual([patientId, patientId]);
  }, 120_000);

  it("covers a chosen period, and is shredded with the patient's key", async () => {
    const issued = await issueReport(
      {
        type: "hipaa_access_report",
        patientId,
        period: {
          from: new Date(Date.now() - 5 * 365 * DAY).toISOString(),
          to: new Date(Date.now() - 30 * DAY).toISOString(),
        },
      },
      officer,
      harness.deps,
    );
    const bundle = await readReportBundle(db.prisma, issued.id, officer);
    const report = JSON.parse(strFromU8(unzipSync(bundle.bytes)["report.json"]));
    expect(report.totals).toEqual({ accesses: 2, people: 2, denied: 0 });

    await db.prisma.patient.update({ where: { id: patientId }, data: { wrappedKey: null, erasedAt: new Date() } });
    await expect(readReportBundle(db.prisma, issued.id, officer)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/erased/),
    });
    await expect(issueReport({ type: "hipaa_access_report", patientId }, officer, harness.deps)).rejects.toMatchObject({
      code: "conflict",
    });
  }, 120_000);
});

describe("summariseByPerson", () => {
  it("gives one line per person and role, latest access first, counting denials and purposes", () => {
    const a = (actorId: string, t: number, outcome = "0", purposeOfUse = "TREAT", actorRole = "CLINICIAN") => ({
      eventId: `${actorId}${t}`,
      recorded: new Date(t),
      ledgerIndex: t,
      actorId,
      actorName: actorId,
      actorRole,
      department: null,
      type: "rest",
      subtype: "read",
      action: "R",
      outcome,
      purposeOfUse,
      resourceType: "Patient",
    });
    const s = summariseByPerson([
      a("x", 1),
      a("y", 2, "4", "PAYMENT"),
      a("x", 3, "0", "OPERATIONS"),
      a("x", 4, "0", "TREAT", "ADMIN"),
    ]);
    expect(s.map((p) => [p.actorId, p.actorRole, p.times, p.denied, p.purposes])).toEqual([
      ["x", "ADMIN", 1, 0, ["TREAT"]],
      ["x", "CLINICIAN", 2, 0, ["OPERATIONS", "TREAT"]],
      ["y", "CLINICIAN", 1, 1, ["PAYMENT"]],
    ]);
  });
});
