// A real report citing 100,000 events, issued as the app issues one (in the background, followed
// through its status as the portal does) and downloaded as a stream: time and peak resident memory
// of each, run more than once to give the spread. `npm run bench -- bundle --issue [--events N] [--runs N]`.
import crypto from "node:crypto";
import { createPrismaClient } from "../lib/db/prisma";
import { createLedgerPool } from "../lib/ledger/ledger-pool";
import { sealPending } from "../lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "../lib/ledger/testing/ledger-fixtures";
import { prepareReportIssue } from "../lib/reports/issue/issue-report";
import { openReportBundle } from "../lib/reports/issue/read-report-bundle";
import { startReportBuild } from "../lib/reports/issue/report-build-job";
import { readReportStatus } from "../lib/reports/issue/report-status";
import { startIssueHarness } from "../lib/reports/issue/testing/issue-fixtures";
import { verifyEvidenceBundle } from "../lib/reports/verify/verify-bundle";
import { openBenchDatabase } from "./bench-database";
import { machineLine, printTable, type TRow } from "./report";

const officer = { id: "0193a1b2-0000-7000-8000-00000000b0e1", role: "COMPLIANCE_OFFICER" as const };

/** The highest resident memory seen while `work` runs, sampled every 20 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number; start: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().rss), start };
  } finally {
    clearInterval(timer);
  }
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

export async function runIssueBench(opts: { events: number; runs: number }) {
  const db = await openBenchDatabase();
  const pool = createLedgerPool(db.url, 8);
  const prisma = createPrismaClient(db.url);
  const harness = await startIssueHarness(prisma, pool);
  try {
    const from = new Date(Date.now() - 1_000).toISOString();
    for (let seeded = 0; seeded < opts.events; seeded += 20_000) {
      await appendAccessEvents(pool, Math.min(20_000, opts.events - seeded), seeded);
      await sealPending({ pool });
    }
    // The period ends before the first issue: each run's own issue and download events fall after it.
    await new Promise((r) => setTimeout(r, 1_100));
    const period = { from, to: new Date(Date.now() - 500).toISOString() };
    const rows: TRow[] = [];
    const issueSeconds: number[] = [];
    for (let run = 1; run <= opts.runs; run++) {
      const t0 = performance.now();
      const phases = new Set<string>();
      let polls = 0;
      let accepted = 0;
      const issued = await peakRss(async () => {
        const prepared = await prepareReportIssue({ type: "onc_audit_log_review", period }, officer, { prisma });
        const build = await startReportBuild(prepared, harness.deps);
        accepted = performance.now() - t0;
        let done: Awaited<typeof build.settled> | null = null;
        void build.settled.then((o) => (done = o));
        // Followed as the portal follows it: its status, once a second.
        while (!done) {
          const status = await readReportStatus(prisma, build.id, officer);
          polls++;
          if (status.status === "building") phases.add(`${status.progress.phase}`);
          await Promise.race([build.settled, new Promise((r) => setTimeout(r, 1_000))]);
        }
        const outcome = done as Awaited<typeof build.settled>;
        if (!outcome.ok) throw outcome.error;
        return outcome.issued;
      });
      const issueMs = performance.now() - t0;
      issueSeconds.push(issueMs / 1000);
      rows.push({
        name: `run ${run}: issue, ${opts.events.toLocaleString("en-US")} cited events`,
        value: issueMs / 1000,
        unit: "s",
        note: `accepted after ${accepted.toFixed(0)} ms; ${polls} status reads saw ${[...phases].join(", ")}; peak RSS ${mib(issued.peak)} (+${mib(issued.peak - issued.start)}); ${mib(issued.value.bundleBytes)} bundle`,
      });

      const t1 = performance.now();
      const downloaded = await peakRss(async () => {
        const download = await openReportBundle(prisma, issued.value.id, officer, { pool });
        const hash = crypto.createHash("sha256");
        let bytes = 0;
        const reader = (download.body as ReadableStream<Uint8Array>).getReader();
        for (let part = await reader.read(); !part.done; part = await reader.read()) {
          hash.update(part.value);
          bytes += part.value.length;
        }
        return { bytes, ok: hash.digest("hex") === download.sha256 };
      });
      rows.push({
        name: `run ${run}: download, streamed`,
        value: (performance.now() - t1) / 1000,
        unit: "s",
        note: `${mib(downloaded.value.bytes)}, SHA-256 ${downloaded.value.ok ? "matches" : "DIFFERS"}; peak RSS ${mib(downloaded.peak)} (+${mib(downloaded.peak - downloaded.start)})`,
      });
      if (run === 1) {
        const whole = await openReportBundle(prisma, issued.value.id, officer, { whole: true });
        const t2 = performance.now();
        const verdict = await verifyEvidenceBundle(whole.body as Uint8Array);
        rows.push({
          name: "run 1: verifyEvidenceBundle of that bundle",
          value: (performance.now() - t2) / 1000,
          unit: "s",
          note: verdict.ok ? "every check passed" : `FAILED: ${verdict.failed.map((f) => f.code).join(", ")}`,
        });
      }
    }
    const spread = Math.max(...issueSeconds) - Math.min(...issueSeconds);
    printTable(
      `A report citing ${opts.events.toLocaleString("en-US")} events, issued in the background and downloaded (${opts.runs} runs, issue spread ${spread.toFixed(1)} s; ${machineLine("embedded PostgreSQL 18")})`,
      rows,
    );
  } finally {
    await harness.stop();
    await prisma.$disconnect();
    await pool.end();
    await db.stop();
  }
}
