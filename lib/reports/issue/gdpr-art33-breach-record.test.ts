import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { issueReport } from "./issue-report";
import { readReportBundle } from "./read-report-bundle";
import { CASE_SECRET, plantBreachCases, type TBreachCases } from "./testing/breach-cases";
import { expectBundleVerifiesAndNamesTampering } from "./testing/expect-bundle-verifies";
import { startIssueHarness, type TIssueHarness } from "./testing/issue-fixtures";

let db: TTestDatabase;
let pool: LedgerPool;
let harness: TIssueHarness;
let planted: TBreachCases;
const officer = { id: "0193a1b2-0000-7000-8000-0000000000c3", role: "COMPLIANCE_OFFICER" as const };
const DAY = 86_400_000;
const lastMonth = () => ({
  from: new Date(Date.now() - 30 * DAY).toISOString(),
  to: new Date(Date.now() + DAY).toISOString(),
});

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  planted = await plantBreachCases(db.prisma, pool);
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

describe("the GDPR Art. 33 breach record", () => {
  it("documents each breach and, apart, each presumed one, with codes, counts and clocks, citing every case step and access", async () => {
    const issued = await issueReport({ type: "gdpr_art33_breach_record", period: lastMonth() }, officer, harness.deps);
    const bundle = await readReportBundle(db.prisma, issued.id, officer);
    const files = unzipSync(bundle.bytes);
    const report = JSON.parse(strFromU8(files["report.json"]));
    expect(report).toMatchObject({
      format: "healthledger.gdpr-art33-breach-record/v1",
      reportType: "gdpr_art33_breach_record",
      scope: "organization",
      totals: { breaches: 2, presumedBreaches: 1, patients: 3, accesses: 9, gdprArt33: { late: 1, overdue: 1 } },
    });
    const [late, overdue] = report.breaches;
    expect(report.breaches.map((c: { caseId: string }) => c.caseId)).toEqual([
      planted.lateBreach,
      planted.overdueBreach,
    ]);
    expect(report.presumedBreaches.map((c: { caseId: string }) => c.caseId)).toEqual([planted.presumed]);
    expect(JSON.stringify(report)).not.toContain(planted.explained);
    expect(late).toMatchObject({
      section: "breach",
      state: "determined",
      discoveredHow: "complaint",
      actorRole: "CLINICIAN",
      nature: { alerts: 2, rules: [{ ruleId: "same-last-name", reasonCode: "same_last_name", alerts: 2 }] },
      concerned: {
        patients: 2,
        events: 6,
        denied: 2,
        records: 6,
        dataCategories: [
          { category: "MedicationRequest", events: 2 },
          { category: "Observation", events: 2 },
          { category: "Patient", events: 2 },
        ],
        unsealedEvents: 0,
      },
      assessment: { levels: { nature: "high", recipient: "high" }, exceptions: [], conclusion: "presumed_breach" },
      determination: "breach",
      sanctionTier: 3,
    });
    // Discovered five days ago and notified one day ago: two days after the 72 hours ran out.
    const clock = (c: { clocks: { id: string; pastDueSeconds: number | null }[] }, id: string) =>
      c.clocks.find((k) => k.id === id);
    expect(clock(late, "gdpr_art33")).toMatchObject({ status: "late", citation: "GDPR Art. 33(1)" });
    expect(clock(late, "gdpr_art33")!.pastDueSeconds).toBeCloseTo(DAY / 1000, -2);
    expect(clock(late, "hipaa_individual")).toMatchObject({ status: "met", pastDueSeconds: null });
    expect(clock(overdue, "gdpr_art33")).toMatchObject({ status: "overdue" });
    expect(clock(overdue, "gdpr_art33")!.pastDueSeconds).toBeCloseTo(DAY / 1000, -2);
    expect(clock(overdue, "hipaa_individual")).toMatchObject({ status: "running", pastDueSeconds: null });
    expect(late.clocks).toHaveLength(2);
    expect(report.presumedBreaches[0]).toMatchObject({
      determination: null,
      clocks: [{ status: "running" }, { status: "running" }],
    });

    // Every transition of every listed case and every access behind their alerts is cited.
    const cases = [planted.lateBreach, planted.overdueBreach, planted.presumed];
    const steps = await db.prisma.privacyCaseTransition.findMany({
      where: { caseId: { in: cases } },
      select: { id: true },
    });
    const alerts = await db.prisma.privacyAlert.findMany({
      where: { caseId: { in: cases } },
      select: { eventIds: true },
    });
    const leaves = await db.prisma.ledgerEntry.findMany({
      where: { rowId: { in: [...steps.map((s) => s.id), ...alerts.flatMap((a) => a.eventIds)] } },
      select: { index: true },
    });
    const cited = JSON.parse(strFromU8(files["citations.json"])).leaves.map((l: [number]) => l[0]);
    expect(cited).toEqual(leaves.map((l) => Number(l.index)).sort((a, b) => a - b));
    expect(late.transitions.map((t: { action: string }) => t.action)).toEqual([
      "opened",
      "start_investigation",
      "note",
      "intake",
      "assess",
      "determine",
      "notify",
    ]);
    expect(strFromU8(files["rows.csv"]).trim().split("\r\n")).toHaveLength(4);

    // No case free text, staff name, patient name or MRN in any file, the PDF's text included.
    const dir = path.join(process.cwd(), "test-results", "reports");
    fs.mkdirSync(dir, { recursive: true });
    const pdfPath = path.join(dir, "gdpr-art33-breach-record.pdf");
    fs.writeFileSync(pdfPath, files["report.pdf"]);
    const pdfText = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
    expect(pdfText).toContain("GDPR Art. 33 breach record");
    expect(pdfText).toContain(planted.lateBreach);
    expect(pdfText).toMatch(/B2 +1 +3 +1 +3 +MedicationRequest/);
    expect(pdfText).toMatch(/OVERDUE by 1 d/);
    const everything = [...Object.values(files).map((f) => Buffer.from(f).toString("latin1")), pdfText].join("\n");
    for (const needle of [
      CASE_SECRET,
      "Zanzibar",
      ...planted.staffNames,
      "Ledgerwood",
      ...planted.patientNames,
      ...planted.mrns,
    ])
      expect(everything, needle).not.toContain(needle);

    // Nor in what the issue itself wrote: the report row (its leaf's fields) and the access event.
    const row = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    const event = await db.prisma.accessEvent.findFirstOrThrow({ where: { entityWhat: `IssuedReport/${issued.id}` } });
    expect(row.scope).toBe("organization");
    expect(event).toMatchObject({ patientId: null, actorId: officer.id, action: "C" });
    const written = JSON.stringify({ row, event }, (_, v) => (typeof v === "bigint" ? String(v) : v));
    for (const needle of [CASE_SECRET, ...planted.staffNames, ...planted.patientNames])
      expect(written).not.toContain(needle);

    await expectBundleVerifiesAndNamesTampering(bundle.bytes, harness, [
      "report.json",
      "rows.csv",
      "citations.json",
      "report.pdf",
    ]);
  }, 180_000);

  it("holds only the cases discovered in the period", async () => {
    const period = {
      from: new Date(Date.now() - 30 * DAY).toISOString(),
      to: new Date(Date.now() - 4.5 * DAY).toISOString(),
    };
    const issued = await issueReport({ type: "gdpr_art33_breach_record", period }, officer, harness.deps);
    const files = unzipSync((await readReportBundle(db.prisma, issued.id, officer)).bytes);
    const report = JSON.parse(strFromU8(files["report.json"]));
    expect(report.breaches.map((c: { caseId: string }) => c.caseId)).toEqual([planted.lateBreach]);
    expect(report.presumedBreaches).toEqual([]);
  }, 180_000);

  it("names the field of a request it refuses, and refuses an auditor without an engagement, writing no report", async () => {
    const before = await db.prisma.issuedReport.count();
    const details = async (request: unknown) =>
      issueReport(request, officer, harness.deps).then(
        () => expect.fail("issued"),
        (e) => e as { code: string; details: { path: string; message: string }[] },
      );
    expect(await details({ type: "gdpr_art33_breach_record" })).toMatchObject({
      code: "unprocessable",
      details: [{ path: "period", message: expect.stringMatching(/needs a period/) }],
    });
    expect(
      await details({ type: "gdpr_art33_breach_record", period: lastMonth(), patientId: crypto.randomUUID() }),
    ).toMatchObject({ details: [{ path: "patientId", message: expect.stringMatching(/not about one patient/) }] });
    expect(await details({ type: "gdpr_art33_breach_record", period: lastMonth(), sort: "user" })).toMatchObject({
      details: [{ path: "sort" }],
    });
    expect(
      await details({
        type: "gdpr_art33_breach_record",
        period: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" },
      }),
    ).toMatchObject({ details: [{ path: "period", message: expect.stringMatching(/after/) }] });
    await expect(
      issueReport(
        { type: "gdpr_art33_breach_record", period: lastMonth() },
        { id: crypto.randomUUID(), role: "AUDITOR" },
        harness.deps,
      ),
    ).rejects.toMatchObject({ code: "forbidden", details: [{ message: "engagement: no_engagement" }] });
    expect(await db.prisma.issuedReport.count()).toBe(before);
  });
});
