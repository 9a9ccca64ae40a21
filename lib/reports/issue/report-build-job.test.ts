import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { AppError } from "@/lib/errors";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import { advanceProgress, INITIAL_PROGRESS, type TBuildProgress } from "./build-progress";
import { completeReportIssue, prepareReportIssue } from "./issue-report";
import { openReportBundle, readReportBundle } from "./read-report-bundle";
import { readReportBuild, startReportBuild } from "./report-build-job";
import { readReportStatus } from "./report-status";
import { startIssueHarness, type TIssueHarness } from "./testing/issue-fixtures";

let db: TTestDatabase;
let pool: LedgerPool;
let harness: TIssueHarness;
const officer = { id: "0193a1b2-0000-7000-8000-0000000000e1", role: "COMPLIANCE_OFFICER" as const };
const auditor = { id: "0193a1b2-0000-7000-8000-0000000000e2", role: "AUDITOR" as const };
// More cited events than one chunk of proofs (4,096), so the citations phase counts more than once.
const EVENTS = 6_000;
const lastDay = () => ({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() });

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  for (let seeded = 0; seeded < EVENTS; seeded += 2_000) await appendAccessEvents(pool, 2_000, seeded);
  await sealPending({ pool });
  harness = await startIssueHarness(db.prisma, pool);
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await pool?.end();
});

describe("a report built in the background", () => {
  it("reports its phases in order with the builder's and the bundler's real counts", async () => {
    const prepared = await prepareReportIssue(
      { type: "onc_audit_log_review", period: lastDay() },
      officer,
      harness.deps,
    );
    const seen: TBuildProgress[] = [];
    let p = INITIAL_PROGRESS;
    const issued = await completeReportIssue(prepared, harness.deps, (next) => {
      p = advanceProgress(p, next); // throws on any step backwards
      seen.push(next);
    });
    expect(issued.id).toBe(prepared.id);
    expect([...new Set(seen.map((s) => s.phase))]).toEqual([
      "reading",
      "anchoring",
      "sealing",
      "witnessing",
      "signing",
      "citations",
      "files",
      "storing",
    ]);
    const citations = seen.filter((s) => s.phase === "citations" && s.total > 0);
    expect(citations.length).toBeGreaterThanOrEqual(2);
    expect(citations[0]).toMatchObject({ done: 4_096 });
    const cited = citations[citations.length - 1];
    expect(cited.done).toBe(cited.total);
    expect(cited.total).toBeGreaterThanOrEqual(EVENTS);
    expect(seen.filter((s) => s.phase === "files").at(-1)).toEqual({ phase: "files", done: 11, total: 11 });
  }, 120_000);

  it("answers at once, records its progress, then is ready; the download streams the stored bundle", async () => {
    const prepared = await prepareReportIssue(
      { type: "onc_audit_log_review", period: lastDay() },
      officer,
      harness.deps,
    );
    const build = await startReportBuild(prepared, harness.deps);
    const early = await readReportStatus(db.prisma, build.id, officer);
    expect(early).toMatchObject({ id: build.id, status: "building", reportType: "onc_audit_log_review" });
    // Someone else's build is not theirs to follow (nor to know of).
    await expect(readReportStatus(db.prisma, build.id, auditor)).rejects.toMatchObject({ code: "not_found" });
    // Asked for too early, the download says "not yet" and when to come back.
    const notYet = await openReportBundle(db.prisma, build.id, officer).catch((e: unknown) => e);
    expect(notYet).toBeInstanceOf(AppError);
    expect(notYet).toMatchObject({ code: "conflict", retryAfterSeconds: 2 });
    expect((notYet as AppError).message).toMatch(/still being built \(.+ \(step \d of 8\)\)/);

    const outcome = await build.settled;
    expect(outcome.ok).toBe(true);
    const status = await readReportStatus(db.prisma, build.id, officer);
    expect(status).toMatchObject({ status: "ready", report: { id: build.id, bundle: { quorumMet: true } } });
    expect(await readReportBuild(db.prisma, build.id)).toMatchObject({
      status: "ready",
      progress: { phase: "storing" },
    });

    const download = await openReportBundle(db.prisma, build.id, officer, { pool });
    expect(download.body).toBeInstanceOf(ReadableStream);
    const bytes = new Uint8Array(await new Response(download.body as ReadableStream<Uint8Array>).arrayBuffer());
    expect(bytes.length).toBe(download.bytes);
    const stored = await db.prisma.issuedReportBundle.findUniqueOrThrow({ where: { reportId: build.id } });
    expect(Buffer.from(bytes).equals(Buffer.from(stored.bundle))).toBe(true);
    expect((await verifyEvidenceBundle(bytes)).ok).toBe(true);
    const events = await db.prisma.accessEvent.count({ where: { entityWhat: `IssuedReport/${build.id}/bundle` } });
    expect(events).toBe(1);
  }, 120_000);

  it("records a refusal from the builder as the build's error, and fails a build whose instance died", async () => {
    // No verification run was recorded in this database: the attestation is refused by its builder.
    const prepared = await prepareReportIssue({ type: "integrity_attestation" }, officer, harness.deps);
    const build = await startReportBuild(prepared, harness.deps);
    const outcome = await build.settled;
    expect(outcome.ok).toBe(false);
    expect(await readReportStatus(db.prisma, build.id, officer)).toMatchObject({
      status: "failed",
      error: { code: "conflict", message: expect.stringMatching(/verification run/) },
    });
    await expect(readReportBundle(db.prisma, build.id, officer)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/could not be built/),
    });
    expect(await db.prisma.issuedReport.count({ where: { id: build.id } })).toBe(0);

    const dead = "0193a1b2-0000-7000-8000-0000000000ff";
    await db.prisma
      .$executeRaw`INSERT INTO "ReportBuild" (id, "reportType", "requestedById", status, phase, "heartbeatAt")
      VALUES (${dead}::uuid, 'onc_audit_log_review', ${officer.id}::uuid, 'building', 'citations', now() - interval '2 minutes')`;
    expect(await readReportStatus(db.prisma, dead, officer)).toMatchObject({
      status: "failed",
      error: { code: "unavailable", message: expect.stringMatching(/issue it again/) },
    });
    await expect(readReportStatus(db.prisma, "not-a-uuid", officer)).rejects.toMatchObject({ code: "not_found" });
  }, 120_000);
});
