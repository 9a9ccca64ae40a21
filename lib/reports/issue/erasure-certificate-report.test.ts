import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { makeSyntheticPatient, type TSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { leafHash } from "@/lib/ledger/tlog/merkle";
import { base64ToBytes, bytesToBase64 } from "@/lib/ledger/tlog/encoding";
import { createPatient } from "@/lib/vault/create-patient";
import { decideErasure } from "@/lib/vault/decide-erasure";
import { requestErasure } from "@/lib/vault/request-erasure";
import { issueReport } from "./issue-report";
import { readReportBundle } from "./read-report-bundle";
import { expectBundleVerifiesAndNamesTampering } from "./testing/expect-bundle-verifies";
import { startIssueHarness, type TIssueHarness } from "./testing/issue-fixtures";

let db: TTestDatabase;
let pool: LedgerPool;
let harness: TIssueHarness;
let subject: TSyntheticPatient;
let erased: { requestId: string; pseudonym: string };
let pendingRequestId: string;
const officer = { id: "0193a1b2-0000-7000-8000-0000000000c5", role: "COMPLIANCE_OFFICER" as const };
const officer2 = "0193a1b2-0000-7000-8000-0000000000c6";
const REASON = "Patient Jarvinen-Okafor asked by letter dated 3 May";

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  const faker = new Faker({ locale: [en], seed: 17 });
  const [a, b] = [makeSyntheticPatient(faker, 1), makeSyntheticPatient(faker, 2)];
  subject = a;
  const ids: string[] = [];
  for (const p of [a, b])
    ids.push(
      (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: p.clinical })))
        .patientId,
    );
  const { pseudonym } = await db.prisma.patient.findUniqueOrThrow({
    where: { id: ids[0] },
    select: { pseudonym: true },
  });
  const { requestId } = await requestErasure(db.prisma, {
    requestedById: officer.id,
    filedBy: "compliance_officer",
    patient: { mrn: a.mrn },
  });
  await decideErasure(db.prisma, {
    requestId,
    decidedById: officer2,
    decision: { outcome: "approved", reason: REASON },
  });
  erased = { requestId, pseudonym };
  pendingRequestId = (
    await requestErasure(db.prisma, { requestedById: officer.id, filedBy: "data_subject", patient: { id: ids[1]! } })
  ).requestId;
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

describe("the erasure certificate as a report", () => {
  it("certifies an approved erasure by pseudonym, cites the decision's leaf, is stored unsealed and verifies", async () => {
    const issued = await issueReport(
      { type: "erasure_certificate", erasureRequestId: erased.requestId },
      officer,
      harness.deps,
    );
    const bundle = await readReportBundle(db.prisma, issued.id, officer);
    const files = unzipSync(bundle.bytes);
    const report = JSON.parse(strFromU8(files["report.json"]));
    const decision = await db.prisma.erasureDecision.findUniqueOrThrow({ where: { requestId: erased.requestId } });
    const leaf = await db.prisma.ledgerEntry.findFirstOrThrow({
      where: { kind: "erasure_decision", rowId: decision.id },
    });
    expect(report).toMatchObject({
      format: "healthledger.erasure-certificate/v1",
      reportType: "erasure_certificate",
      scope: `erasure:${erased.requestId}`,
      requestId: erased.requestId,
      decisionId: decision.id,
      pseudonym: erased.pseudonym,
      filedBy: "compliance_officer",
      erasedAt: decision.createdAt.toISOString(),
      legalBasis: "GDPR Art. 17(1)",
      recordsMadeUnreadable: decision.recordCount,
      ledger: { kind: "erasure_decision", index: Number(leaf.index) },
      period: { end: decision.createdAt.toISOString() },
    });
    // The leaf bytes it carries are the cited leaf.
    const cited = JSON.parse(strFromU8(files["citations.json"])).leaves;
    expect(cited).toEqual([[Number(leaf.index), bytesToBase64(leaf.leafHash), expect.any(Array)]]);
    expect(bytesToBase64(leafHash(base64ToBytes(report.ledger.leafBytes)))).toBe(bytesToBase64(leaf.leafHash));

    // No name, MRN, address or the decision's reason in any file; the scope and leaf carry ids only.
    const n = subject.patient.name![0]!;
    const everything = Object.values(files)
      .map((f) => Buffer.from(f).toString("latin1"))
      .join("\n");
    for (const needle of [subject.mrn, n.family!, n.given![0]!, subject.addressLine.split(",")[0]!, REASON, "Jarvinen"])
      expect(everything, needle).not.toContain(needle);
    const row = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row).toMatchObject({ scope: `erasure:${erased.requestId}`, patientId: null });
    const event = await db.prisma.accessEvent.findFirstOrThrow({ where: { entityWhat: `IssuedReport/${issued.id}` } });
    expect(event).toMatchObject({ patientId: null, action: "C", outcome: "0" });
    // The key it could have been sealed under is gone: the bundle is stored as the ZIP itself.
    const stored = await db.prisma.issuedReportBundle.findUniqueOrThrow({ where: { reportId: issued.id } });
    expect(Buffer.from(stored.bundle).subarray(0, 2).toString()).toBe("PK");

    const dir = path.join(process.cwd(), "test-results", "reports");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "erasure-certificate.pdf"), files["report.pdf"]);
    const pdfText = execFileSync("pdftotext", ["-layout", path.join(dir, "erasure-certificate.pdf"), "-"], {
      encoding: "utf8",
    });
    expect(pdfText).toContain(erased.pseudonym);
    for (const needle of [subject.mrn, n.family!, REASON]) expect(pdfText).not.toContain(needle);

    await expectBundleVerifiesAndNamesTampering(bundle.bytes, harness, [
      "report.json",
      "rows.csv",
      "citations.json",
      "report.pdf",
    ]);
  }, 180_000);

  it("names the field of a request it refuses; refuses an unknown, undecided request and an auditor, writing nothing", async () => {
    const before = await db.prisma.issuedReport.count();
    const refusal = (request: unknown, actor: Parameters<typeof issueReport>[1] = officer) =>
      issueReport(request, actor, harness.deps).then(
        () => expect.fail("issued"),
        (e) => e as { code: string; details?: { path: string; message: string }[] },
      );
    expect(await refusal({ type: "erasure_certificate" })).toMatchObject({
      code: "unprocessable",
      details: [{ path: "erasureRequestId", message: expect.stringMatching(/give erasureRequestId/) }],
    });
    expect(await refusal({ type: "erasure_certificate", erasureRequestId: "REQ-1" })).toMatchObject({
      details: [{ path: "erasureRequestId", message: expect.stringMatching(/erasure request's id/) }],
    });
    expect(await refusal({ type: "integrity_attestation", erasureRequestId: erased.requestId })).toMatchObject({
      details: [{ path: "erasureRequestId", message: expect.stringMatching(/not about one erasure/) }],
    });
    expect(
      await refusal({
        type: "erasure_certificate",
        erasureRequestId: erased.requestId,
        patientId: crypto.randomUUID(),
      }),
    ).toMatchObject({ details: [{ path: "patientId" }] });
    expect(
      await refusal({
        type: "erasure_certificate",
        erasureRequestId: erased.requestId,
        period: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" },
      }),
    ).toMatchObject({ details: [{ path: "period" }] });
    expect(await refusal({ type: "erasure_certificate", erasureRequestId: crypto.randomUUID() })).toMatchObject({
      code: "not_found",
    });
    expect(await refusal({ type: "erasure_certificate", erasureRequestId: pendingRequestId })).toMatchObject({
      code: "conflict",
    });
    expect(
      await refusal(
        { type: "erasure_certificate", erasureRequestId: erased.requestId },
        { id: crypto.randomUUID(), role: "AUDITOR" },
      ),
    ).toMatchObject({ code: "forbidden" });
    expect(await db.prisma.issuedReport.count()).toBe(before);
  });
});
