import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { makeSyntheticPatient, type TSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { importAccessEvents, type THistoricAccessEvent } from "@/lib/access/import-access-events";
import { getReportSigningKey } from "@/lib/config/report-signing-key";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { createPatient } from "@/lib/vault/create-patient";
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import { issueReport } from "./issue-report";
import { readReportBundle } from "./read-report-bundle";
import { startIssueHarness, type TIssueHarness } from "./testing/issue-fixtures";

let db: TTestDatabase;
let pool: LedgerPool;
let harness: TIssueHarness;
let synthetic: TSyntheticPatient[];
const ids: string[] = [];
const officer = { id: "0193a1b2-0000-7000-8000-0000000000c1", role: "COMPLIANCE_OFFICER" as const };
const nurse = "0193a1b2-0000-7000-8000-0000000000d1";
const clerk = "0193a1b2-0000-7000-8000-0000000000d2";
const DAY = 86_400_000;
// A fixed window well in the past, so the issuer's own events never fall in it.
const T0 = Date.parse("2026-01-05T00:00:00Z");
const window = (fromDay: number, toDay: number) => ({
  from: new Date(T0 + fromDay * DAY).toISOString(),
  to: new Date(T0 + toDay * DAY).toISOString(),
});

const ev = (actorId: string, day: number, o: Partial<THistoricAccessEvent> = {}): THistoricAccessEvent => ({
  type: "rest",
  subtype: "read",
  action: "R",
  outcome: "0",
  actorId,
  actorRole: "CLINICIAN",
  purposeOfUse: "TREAT",
  patientId: ids[0],
  entityWhat: `Patient/${ids[0]}`,
  recorded: new Date(T0 + day * DAY),
  requestId: crypto.randomUUID(),
  ...o,
});

async function importEvents(events: THistoricAccessEvent[]) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (let i = 0; i < events.length; i += 5_000) await importAccessEvents(client, events.slice(i, i + 5_000));
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  await sealPending({ pool });
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  const faker = new Faker({ locale: [en], seed: 315 });
  synthetic = [makeSyntheticPatient(faker, 1), makeSyntheticPatient(faker, 2)];
  for (const p of synthetic)
    ids.push(
      (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: [] }))).patientId,
    );
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
        id: clerk,
        email: "c@t",
        displayName: "Björn Olsen",
        role: "ADMIN",
        department: "Billing",
        passwordHash: "x",
      },
    ],
  });
  await importEvents([
    ev(nurse, 1.5),
    ev(clerk, 2.5, { actorRole: "ADMIN", purposeOfUse: "PAYMENT", outcome: "4", outcomeDesc: "not on care team" }),
    ev(nurse, 3.5, { patientId: ids[1], entityWhat: `Patient/${ids[1]}`, action: "U", subtype: "update" }),
    ev(clerk, 4.5, { actorRole: "ADMIN", purposeOfUse: "PAYMENT" }),
    ev(nurse, 12), // after the window
  ]);
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

const trust = () => ({
  trustedCasDer: [harness.evidence.ca.der],
  trustedReportKeyPem: getReportSigningKey().publicKeyPem,
});

async function issueAndOpen(request: Record<string, unknown>) {
  const issued = await issueReport({ type: "onc_audit_log_review", ...request }, officer, harness.deps);
  const bundle = await readReportBundle(db.prisma, issued.id, officer);
  return { issued, bundle, files: unzipSync(bundle.bytes) };
}

describe("the ONC audit log review", () => {
  it("needs a period and takes a known sort order only, writing nothing when refused", async () => {
    const before = await db.prisma.issuedReport.count();
    for (const request of [
      { type: "onc_audit_log_review" },
      { type: "onc_audit_log_review", period: window(0, 10), sort: "severity" },
      { type: "integrity_attestation", sort: "time" },
    ])
      await expect(issueReport(request, officer, harness.deps)).rejects.toMatchObject({ code: "unprocessable" });
    expect(await db.prisma.issuedReport.count()).toBe(before);
  });

  it("lists every event of the period with pseudonyms only, summarised, cited, verifiable, in the order asked", async () => {
    const { bundle, files } = await issueAndOpen({ period: window(0, 10), sort: "user" });
    const report = JSON.parse(strFromU8(files["report.json"]));
    expect(report).toMatchObject({
      format: "healthledger.onc-audit-log-review/v1",
      scope: "organization",
      sort: "user",
      totals: { events: 4, failures: 1, users: 2, patients: 2, unsealed: 0 },
    });
    // By user: Ana before Björn, each in time order.
    expect(
      report.events.map((e: { actorName: string; recorded: string }) => [e.actorName, e.recorded.slice(0, 10)]),
    ).toEqual([
      ["Ana Núñez", "2026-01-06"],
      ["Ana Núñez", "2026-01-08"],
      ["Björn Olsen", "2026-01-07"],
      ["Björn Olsen", "2026-01-09"],
    ]);
    expect(report.summaries.byOutcome).toEqual([
      { key: "0", label: "0 success", events: 3, failures: 0, patients: 2 },
      { key: "4", label: "4 minor failure (denied)", events: 1, failures: 1, patients: 1 },
    ]);
    expect(report.summaries.byUser.map((u: { label: string; events: number }) => [u.label, u.events])).toEqual([
      ["Ana Núñez, CLINICIAN", 2],
      ["Björn Olsen, ADMIN", 2],
    ]);
    const csv = strFromU8(files["rows.csv"]);
    expect(csv.trim().split("\r\n")).toHaveLength(5);
    // Patients by pseudonym: never a name or MRN in any file of the bundle.
    const pseudonyms = await db.prisma.patient.findMany({ select: { pseudonym: true } });
    for (const { pseudonym } of pseudonyms) expect(csv).toContain(pseudonym);
    for (const p of synthetic)
      for (const file of Object.values(files)) {
        const text = strFromU8(file, true);
        expect(text).not.toContain(p.mrn);
        expect(text).not.toContain(p.patient.name?.[0]?.family ?? "(none)");
      }

    const v = await verifyEvidenceBundle(bundle.bytes, trust());
    expect(v.failed).toEqual([]);
    expect(v).toMatchObject({ ok: true, citedLeaves: 4 });
    const changed = { ...files, "rows.csv": new Uint8Array(files["rows.csv"]) };
    changed["rows.csv"][20] ^= 1;
    expect((await verifyEvidenceBundle(zipSync(changed), trust())).ok).toBe(false);

    const byOutcome = JSON.parse(
      strFromU8(
        unzipSync((await issueAndOpen({ period: window(0, 10), sort: "outcome" })).bundle.bytes)["report.json"],
      ),
    );
    expect(byOutcome.events[0].outcome).toBe("4");
    const byTime = JSON.parse(
      strFromU8(unzipSync((await issueAndOpen({ period: window(3, 10) })).bundle.bytes)["report.json"]),
    );
    expect(byTime).toMatchObject({ sort: "time", totals: { events: 2 } });
  }, 180_000);

  // How long it takes is a benchmark's question (npm run bench -- bundle, target < 10 s), not a test's.
  it("builds a review citing 10,000 events", async () => {
    const events = Array.from({ length: 10_000 }, (_, i) =>
      ev(i % 2 ? nurse : clerk, 20 + i / 10_000, { patientId: ids[i % 2], entityWhat: `Patient/${ids[i % 2]}` }),
    );
    await importEvents(events);
    const started = performance.now();
    const { issued, bundle, files } = await issueAndOpen({ period: window(20, 21) });
    const seconds = (performance.now() - started) / 1000;
    console.log(`audit log review citing 10,000 events: issued and read back in ${seconds.toFixed(2)} s`);
    const row = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.reportType).toBe("onc_audit_log_review");
    expect(JSON.parse(strFromU8(files["report.json"]))).toMatchObject({ totals: { events: 10_000 } });
    expect(await verifyEvidenceBundle(bundle.bytes, trust())).toMatchObject({ ok: true, citedLeaves: 10_000 });
  }, 300_000);
});
