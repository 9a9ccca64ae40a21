import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { getReportSigningKey } from "@/lib/config/report-signing-key";
import { LEAF_KINDS, leafBytesFor } from "@/lib/ledger/kinds";
import { reportLeafBytes } from "@/lib/ledger/kinds/report-leaf";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { getLogKeys } from "@/lib/ledger/log-keys";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { runVerification } from "@/lib/ledger/verify/run-verification";
import { makeTestEvidence, type TTestEvidence } from "@/lib/reports/pdf/testing/test-evidence";
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import { buildIntegrityAttestation } from "./integrity-attestation";
import { issueReport, type TIssueReportDeps } from "./issue-report";
import { sealAndCosign, testWitnesses } from "./testing/issue-fixtures";
import { listIssuedReports } from "./list-issued-reports";
import { readReportBundle } from "./read-report-bundle";

let db: TTestDatabase;
let pool: LedgerPool;
let evidence: TTestEvidence;
let deps: TIssueReportDeps;
const actor = { id: "0193a1b2-0000-7000-8000-000000000001", role: "COMPLIANCE_OFFICER" as const };
const witnesses = testWitnesses();
const setup = witnesses.setup;
// The sequencer and the witnesses, as the app runs them beside the request: seal what is queued,
// and have the witnesses that are up cosign the newest checkpoint.
let witnessesUp = 2;
let stopped = false;
let background: Promise<void> = Promise.resolve();
const sealAndCosignUp = () => sealAndCosign(pool, witnesses, { up: witnessesUp, timestamp: () => 1_765_000_000 });

const counts = async () => ({
  reports: await db.prisma.issuedReport.count(),
  bundles: await db.prisma.issuedReportBundle.count(),
  queued: await db.prisma.ledgerQueue.count(),
  events: await db.prisma.accessEvent.count(),
});

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  evidence = await makeTestEvidence();
  await appendAccessEvents(pool, 200);
  await sealPending({ pool });
  deps = {
    prisma: db.prisma,
    pool,
    setup,
    logKeys: getLogKeys(),
    signer: evidence,
    sealTimeoutMs: 20_000,
    quorumTimeoutMs: 5_000,
  };
}, 120_000);
afterAll(async () => {
  stopped = true;
  await background;
  await pool?.end();
});

function startBackground() {
  background = (async () => {
    while (!stopped) {
      await sealAndCosignUp();
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
}

describe("issueReport (integrity attestation)", () => {
  it("refuses an unknown type, and refuses to attest before any verification run, writing nothing", async () => {
    const before = await counts();
    await expect(issueReport({ type: "hipaa_everything" }, actor, deps)).rejects.toMatchObject({
      code: "unprocessable",
    });
    await expect(issueReport({ type: "integrity_attestation", extra: 1 }, actor, deps)).rejects.toMatchObject({
      code: "unprocessable",
    });
    await expect(issueReport({ type: "integrity_attestation" }, actor, deps)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/No verification run/),
    });
    expect(await counts()).toEqual(before);
  });

  it("issues one whose stored bundle verifies offline, cosigned by the quorum; a flipped byte fails", async () => {
    await runVerification({ pool });
    await sealPending({ pool });
    startBackground();
    const issued = await issueReport({ type: "integrity_attestation" }, actor, deps);
    expect(issued).toMatchObject({ reportType: "integrity_attestation", quorumMet: true, cosignedBy: ["W1", "W2"] });
    const row = await db.prisma.issuedReportBundle.findUniqueOrThrow({ where: { reportId: issued.id } });
    const zip = new Uint8Array(row.bundle);
    const r = await verifyEvidenceBundle(zip, {
      trustedCasDer: [evidence.ca.der],
      trustedReportKeyPem: getReportSigningKey().publicKeyPem,
    });
    expect(r.failed).toEqual([]);
    expect(r).toMatchObject({ ok: true, citedLeaves: 1, cosignedBy: ["W1", "W2"] });
    expect(r.predicate).toMatchObject({
      reportType: "integrity_attestation",
      scope: "organization",
      reportLeafIndex: issued.ledgerIndex,
    });
    // The issue is an anchored access event of its issuer.
    const event = await db.prisma.accessEvent.findFirstOrThrow({ where: { entityWhat: `IssuedReport/${issued.id}` } });
    expect(event).toMatchObject({ actorId: actor.id, action: "C", outcome: "0" });

    // The row anchors exactly the leaf the verifier checks, and full verification recomputes it from the table.
    const stored = await db.prisma.issuedReport.findUniqueOrThrow({ where: { id: issued.id } });
    expect(new TextDecoder().decode(leafBytesFor(LEAF_KINDS.report_issued, stored))).toBe(
      new TextDecoder().decode(
        reportLeafBytes({
          id: stored.id,
          reportType: stored.reportType,
          scope: stored.scope,
          periodStart: stored.periodStart.toISOString(),
          periodEnd: stored.periodEnd.toISOString(),
          issuedAt: stored.issuedAt.toISOString(),
          reportSha256: Buffer.from(stored.reportSha256).toString("hex"),
        }),
      ),
    );
    await sealPending({ pool });
    const check = await runVerification({ pool });
    expect(check.findings).toEqual([]);
    expect(check.ok).toBe(true);

    for (const at of [100, Math.floor(zip.length / 2), zip.length - 30]) {
      const bad = zip.slice();
      bad[at] ^= 0x01;
      const v = await verifyEvidenceBundle(bad);
      expect(v.ok, `byte ${at}`).toBe(false);
    }
  }, 120_000);

  it("never starts the period after the issue time, even for a log whose first block was sealed after it", async () => {
    await sealPending({ pool }); // the run the previous test recorded last
    const first = await db.prisma.ledgerBlock.findFirstOrThrow({ orderBy: { height: "asc" } });
    const issuedAt = new Date(first.sealedAt.getTime() - 1_000);
    const built = await buildIntegrityAttestation({ ...deps, pool, setup, logKeys: getLogKeys(), issuedAt, actor });
    expect(built.period).toEqual({ start: issuedAt, end: issuedAt });
  });

  it("issues anyway when the quorum is not met in time, and the bundle says so", async () => {
    witnessesUp = 1;
    await sealPending({ pool });
    const issued = await issueReport({ type: "integrity_attestation" }, actor, { ...deps, quorumTimeoutMs: 1_000 });
    expect(issued.quorumMet).toBe(false);
    // The checkpoint covering the report carries the one cosignature it got.
    expect(issued.cosignedBy).toEqual(["W1"]);
    const row = await db.prisma.issuedReportBundle.findUniqueOrThrow({ where: { reportId: issued.id } });
    expect(row.quorumMet).toBe(false);
    const r = await verifyEvidenceBundle(new Uint8Array(row.bundle));
    expect(r.failed).toEqual([expect.objectContaining({ code: "quorum-not-met" })]);
  }, 120_000);

  it("lists issued reports newest first by keyset, and hands out a bundle only with an anchored access event", async () => {
    const first = await listIssuedReports(db.prisma, new URLSearchParams({ limit: "1" }), actor);
    expect(first.reports).toHaveLength(1);
    expect(first.nextCursor).toBe(first.reports[0].id);
    const second = await listIssuedReports(
      db.prisma,
      new URLSearchParams({ limit: "1", cursor: first.nextCursor! }),
      actor,
    );
    expect(second.reports).toHaveLength(1);
    expect(second.reports[0].id < first.reports[0].id).toBe(true);
    expect(second.nextCursor).toBeNull();
    expect(first.reports[0].bundle).toMatchObject({ quorumMet: false, bytes: expect.any(Number) });
    await expect(listIssuedReports(db.prisma, new URLSearchParams({ limit: "1000" }), actor)).rejects.toMatchObject({
      code: "unprocessable",
    });

    const id = second.reports[0].id;
    const events = await db.prisma.accessEvent.count();
    const bundle = await readReportBundle(db.prisma, id, actor);
    expect(bundle.fileName).toBe(`healthledger-report-${id}.zip`);
    expect(bundle.sha256).toBe(second.reports[0].bundle!.sha256);
    expect((await verifyEvidenceBundle(bundle.bytes)).ok).toBe(true);
    const event = await db.prisma.accessEvent.findFirstOrThrow({ where: { entityWhat: `IssuedReport/${id}/bundle` } });
    expect(event).toMatchObject({ actorId: actor.id, actorRole: "COMPLIANCE_OFFICER", action: "R" });
    // Anchored: still queued, or already sealed by a seal running meanwhile (asked in that order,
    // so a row moving from the queue to the log between the two questions is found by the second).
    const anchored =
      (await db.prisma.ledgerQueue.findFirst({ where: { rowId: event.id, kind: "access_event" } })) ??
      (await db.prisma.ledgerEntry.findFirst({ where: { rowId: event.id, kind: "access_event" } }));
    expect(anchored).not.toBeNull();

    await expect(readReportBundle(db.prisma, "00000000-0000-7000-8000-000000000000", actor)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(readReportBundle(db.prisma, "../etc", actor)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.prisma.accessEvent.count()).toBe(events + 1);
  }, 60_000);
});
