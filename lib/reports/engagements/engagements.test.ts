import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { runVerification } from "@/lib/ledger/verify/run-verification";
import { createPatient } from "@/lib/vault/create-patient";
import { issueReport } from "../issue/issue-report";
import { issueOwnReport } from "../issue/issue-own-report";
import { listIssuedReports } from "../issue/list-issued-reports";
import { readReportBundle } from "../issue/read-report-bundle";
import { startIssueHarness, type TIssueHarness } from "../issue/testing/issue-fixtures";
import { grantEngagement } from "./grant-engagement";
import { listEngagements } from "./list-engagements";
import { revokeEngagement } from "./revoke-engagement";

let db: TTestDatabase;
let pool: LedgerPool;
let harness: TIssueHarness;
const officer = { id: "0193a1b2-0000-7000-8000-0000000000c1", role: "COMPLIANCE_OFFICER" as const };
const auditorA = { id: "0193a1b2-0000-7000-8000-0000000000a1", role: "AUDITOR" as const };
const auditorB = { id: "0193a1b2-0000-7000-8000-0000000000a2", role: "AUDITOR" as const };
const auditorC = { id: "0193a1b2-0000-7000-8000-0000000000a3", role: "AUDITOR" as const };
const clinician = "0193a1b2-0000-7000-8000-0000000000d1";
let patient: { id: string; role: "PATIENT"; patientId: string };
let otherPatientId: string;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const thisYear = () => ({ from: iso(Date.now() - 30 * DAY), to: iso(Date.now() + 30 * DAY) });
const all = new URLSearchParams({ limit: "100" });

const denials = (actorId: string) =>
  db.prisma.accessEvent.findMany({ where: { actorId, outcome: "4" }, orderBy: { recorded: "asc" } });

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  const faker = new Faker({ locale: [en], seed: 16 });
  const [p, q] = [makeSyntheticPatient(faker, 1), makeSyntheticPatient(faker, 2)];
  const own = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: [] })))
    .patientId;
  otherPatientId = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: q.patient, resources: [] })))
    .patientId;
  const patientUser = "0193a1b2-0000-7000-8000-0000000000e1";
  patient = { id: patientUser, role: "PATIENT", patientId: own };
  await db.prisma.user.createMany({
    data: [
      { id: officer.id, email: "c@t", displayName: "Officer", role: "COMPLIANCE_OFFICER", passwordHash: "x" },
      { id: auditorA.id, email: "a@t", displayName: "Auditor A", role: "AUDITOR", passwordHash: "x" },
      { id: auditorB.id, email: "b@t", displayName: "Auditor B", role: "AUDITOR", passwordHash: "x" },
      { id: auditorC.id, email: "e@t", displayName: "Auditor C", role: "AUDITOR", passwordHash: "x" },
      { id: clinician, email: "d@t", displayName: "Dr D", role: "CLINICIAN", passwordHash: "x" },
      { id: patientUser, email: "p@t", displayName: "P", role: "PATIENT", passwordHash: "x", patientId: own },
    ],
  });
  await appendAccessEvents(pool, 20);
  await runVerification({ pool });
  await sealPending({ pool });
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

describe("granting and revoking engagements", () => {
  it("refuses a non-auditor, a past expiry, a patient report type and a backwards period, writing nothing", async () => {
    const ok = {
      auditorId: auditorA.id,
      period: thisYear(),
      reportTypes: ["integrity_attestation"],
      expiresAt: iso(Date.now() + DAY),
    };
    const bad = [
      { ...ok, auditorId: clinician },
      { ...ok, expiresAt: iso(Date.now() - 1000) },
      { ...ok, reportTypes: ["hipaa_access_report"] },
      { ...ok, reportTypes: [] },
      { ...ok, period: { from: ok.period.to, to: ok.period.from } },
      { ...ok, extra: true },
    ];
    for (const input of bad)
      await expect(grantEngagement(db.prisma, input, officer)).rejects.toMatchObject({ code: "unprocessable" });
    expect(await db.prisma.auditEngagement.count()).toBe(0);
  });

  it("anchors a grant and a revocation; a second revocation is 409, an unknown one 404", async () => {
    const { id } = await grantEngagement(
      db.prisma,
      {
        auditorId: auditorB.id,
        period: thisYear(),
        reportTypes: ["integrity_attestation"],
        expiresAt: iso(Date.now() + DAY),
      },
      officer,
    );
    expect(await db.prisma.ledgerQueue.findFirst({ where: { rowId: id, kind: "audit_engagement" } })).not.toBeNull();
    const revoked = await revokeEngagement(db.prisma, id, officer);
    expect(
      await db.prisma.ledgerQueue.findFirst({ where: { rowId: revoked.id, kind: "audit_engagement_revocation" } }),
    ).not.toBeNull();
    await expect(revokeEngagement(db.prisma, id, officer)).rejects.toMatchObject({ code: "conflict" });
    await expect(revokeEngagement(db.prisma, "0193a1b2-0000-7000-8000-00000000ffff", officer)).rejects.toMatchObject({
      code: "not_found",
    });
    const listed = await listEngagements(db.prisma, auditorB);
    expect(listed).toEqual([expect.objectContaining({ id, status: "revoked", auditorEmail: "b@t" })]);
    expect(await listEngagements(db.prisma, auditorA)).toEqual([]);
    expect(await listEngagements(db.prisma, officer)).toHaveLength(1);
  });
});

describe("an auditor within their engagement", () => {
  let reportId: string;
  let engagementId: string;

  it("is refused without an active engagement, each refusal a denied access event", async () => {
    // B's only engagement was revoked above.
    await expect(issueReport({ type: "integrity_attestation" }, auditorB, harness.deps)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/revoked/),
    });
    await expect(issueReport({ type: "integrity_attestation" }, auditorA, harness.deps)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/no audit engagement/),
    });
    expect((await denials(auditorB.id)).map((e) => e.outcomeDesc)).toEqual(["engagement: revoked"]);
    expect((await denials(auditorA.id)).map((e) => e.outcomeDesc)).toEqual(["engagement: no_engagement"]);
    expect(await db.prisma.issuedReport.count()).toBe(0);
  });

  it("issues, lists and downloads a report of a covered type; the engagement is recorded and anchored", async () => {
    ({ id: engagementId } = await grantEngagement(
      db.prisma,
      {
        auditorId: auditorA.id,
        period: thisYear(),
        reportTypes: ["integrity_attestation"],
        expiresAt: iso(Date.now() + DAY),
      },
      officer,
    ));
    const issued = await issueReport({ type: "integrity_attestation" }, auditorA, harness.deps);
    reportId = issued.id;
    expect(await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ engagementId });
    const event = await db.prisma.accessEvent.findFirstOrThrow({ where: { entityWhat: `IssuedReport/${reportId}` } });
    expect(event).toMatchObject({ actorId: auditorA.id, outcome: "0", query: `engagement=${engagementId}` });
    expect((await listIssuedReports(db.prisma, all, auditorA)).reports.map((r) => r.id)).toEqual([reportId]);
    const bundle = await readReportBundle(db.prisma, reportId, auditorA);
    expect(bundle.bytes.length).toBeGreaterThan(1000);
  }, 60_000);

  it("is refused a type the engagement does not list", async () => {
    await expect(
      issueReport({ type: "hipaa_access_report", patientId: patient.patientId }, auditorA, harness.deps),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/does not cover hipaa_access_report/),
    });
  });

  it("is refused when the engagement's period does not hold the issue time", async () => {
    const past = { from: iso(Date.now() - 60 * DAY), to: iso(Date.now() - 31 * DAY) };
    const { id } = await grantEngagement(
      db.prisma,
      {
        auditorId: auditorB.id,
        period: past,
        reportTypes: ["integrity_attestation"],
        expiresAt: iso(Date.now() + DAY),
      },
      officer,
    );
    await expect(issueReport({ type: "integrity_attestation" }, auditorB, harness.deps)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(new RegExp(`${id} covers .* outside it`)),
    });
    expect((await denials(auditorB.id)).at(-1)?.outcomeDesc).toBe("engagement: period_outside");
  });

  it("is refused once the engagement expired", async () => {
    const granted = Date.now() - 2 * DAY;
    await grantEngagement(
      db.prisma,
      {
        auditorId: auditorC.id,
        period: thisYear(),
        reportTypes: ["integrity_attestation"],
        expiresAt: iso(granted + DAY),
      },
      officer,
      new Date(granted),
    );
    await expect(issueReport({ type: "integrity_attestation" }, auditorC, harness.deps)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/expired/),
    });
    expect((await denials(auditorC.id)).map((e) => e.outcomeDesc)).toEqual(["engagement: expired"]);
  });

  it("never sees or downloads another auditor's or the compliance officer's report", async () => {
    const officers = await issueReport({ type: "integrity_attestation" }, officer, harness.deps);
    expect((await listIssuedReports(db.prisma, all, auditorB)).reports).toEqual([]);
    expect((await listIssuedReports(db.prisma, all, auditorA)).reports.map((r) => r.id)).toEqual([reportId]);
    expect((await listIssuedReports(db.prisma, all, officer)).reports.map((r) => r.id)).toEqual([
      officers.id,
      reportId,
    ]);
    const before = await db.prisma.accessEvent.count({ where: { entityWhat: `IssuedReport/${reportId}/bundle` } });
    await expect(readReportBundle(db.prisma, reportId, auditorB)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/not issued under an audit engagement of yours/),
    });
    await expect(readReportBundle(db.prisma, officers.id, auditorA)).rejects.toMatchObject({ code: "forbidden" });
    const events = await db.prisma.accessEvent.findMany({ where: { entityWhat: `IssuedReport/${reportId}/bundle` } });
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      actorId: auditorB.id,
      outcome: "4",
      outcomeDesc: "engagement: not_your_engagement",
    });
  }, 60_000);

  it("loses the engagement's reports when it is revoked", async () => {
    await revokeEngagement(db.prisma, engagementId, officer);
    expect((await listIssuedReports(db.prisma, all, auditorA)).reports).toEqual([]);
    await expect(readReportBundle(db.prisma, reportId, auditorA)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/revoked/),
    });
    await expect(issueReport({ type: "integrity_attestation" }, auditorA, harness.deps)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("a patient's own reports", () => {
  it("issues and downloads their own self-service report, and never one about anybody else", async () => {
    const before = await db.prisma.issuedReport.count();
    // The attack: the patient names someone else. Refused by the request schema, and by the issuer.
    await expect(
      issueOwnReport({ type: "hipaa_access_report", patientId: otherPatientId }, patient, harness.deps),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await expect(
      issueReport({ type: "hipaa_access_report", patientId: otherPatientId }, patient, harness.deps),
    ).rejects.toMatchObject({ code: "forbidden", message: "You may only issue reports about yourself." });
    await expect(issueOwnReport({ type: "integrity_attestation" }, patient, harness.deps)).rejects.toMatchObject({
      code: "unprocessable",
    });
    await expect(issueReport({ type: "integrity_attestation" }, patient, harness.deps)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await db.prisma.issuedReport.count()).toBe(before);

    const issued = await issueOwnReport({ type: "hipaa_access_report" }, patient, harness.deps);
    const row = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row).toMatchObject({ patientId: patient.patientId, issuedById: patient.id, engagementId: null });
    expect((await listIssuedReports(db.prisma, all, patient)).reports.map((r) => r.id)).toEqual([issued.id]);
    expect((await readReportBundle(db.prisma, issued.id, patient)).bytes.length).toBeGreaterThan(1000);

    // A report about them issued by the compliance officer, and one about another patient: not theirs to take.
    const officers = await issueReport(
      { type: "hipaa_access_report", patientId: otherPatientId },
      officer,
      harness.deps,
    );
    await expect(readReportBundle(db.prisma, officers.id, patient)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listIssuedReports(db.prisma, all, patient)).reports.map((r) => r.id)).toEqual([issued.id]);
    // An account not linked to a patient gets nothing.
    expect((await listIssuedReports(db.prisma, all, { ...patient, patientId: null })).reports).toEqual([]);
  }, 90_000);

  it("leaves a ledger that verifies: engagements and revocations recompute to their sealed leaves", async () => {
    await sealPending({ pool });
    const run = await runVerification({ pool });
    expect(run.findings).toEqual([]);
    expect(run.ok).toBe(true);
  }, 60_000);
});
