import "server-only";
import { AppError, type TErrorDetail } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import {
  advanceProgress,
  INITIAL_PROGRESS,
  isBuildPhase,
  type TBuildProgress,
  type TBuildStatus,
} from "./build-progress";
import { completeReportIssue, type TIssueReportDeps, type TIssuedReport, type TPreparedReport } from "./issue-report";

// A report citing 100,000 events takes about a minute to build: the request that asks for it must
// not hold on that long with nothing to show. The build runs in the background of the instance
// that took the request and writes its phase and counts to a ReportBuild row as it goes, so any
// instance can answer GET /api/reports/<id> and the page can draw a bar that means something.

/** A running build refreshes its heartbeat this often... */
export const BUILD_HEARTBEAT_MS = 5_000;
/** ...and a building row not refreshed for this long belongs to an instance that died: failed. */
export const BUILD_STALE_AFTER_MS = 60_000;
/** Progress within one phase is written at most this often (a phase change is written at once). */
const PROGRESS_WRITE_MS = 250;

export type TBuildError = { code: string; message: string; details?: TErrorDetail[] };

export type TReportBuild = {
  id: string;
  reportType: string;
  requestedById: string;
  status: TBuildStatus;
  progress: TBuildProgress;
  startedAt: Date;
  finishedAt: Date | null;
  error: TBuildError | null;
};

export type TBuildOutcome = { ok: true; issued: TIssuedReport } | { ok: false; error: unknown };

/** What a failed build says: an AppError as it is (its message is safe to show), anything else as ours. */
export function buildErrorOf(error: unknown): TBuildError {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  return { code: "internal", message: "The report could not be built because of an error on our side." };
}

const INTERRUPTED: TBuildError = {
  code: "unavailable",
  message: "The report's build stopped (the server restarted): issue it again.",
};

/**
 * Records the build and runs it in the background; answers once the row exists. `settled` ends
 * with the build (it never rejects): a caller may wait on it for a while and answer with the
 * report if it was quick.
 */
export async function startReportBuild(
  prepared: TPreparedReport,
  deps: TIssueReportDeps,
): Promise<{ id: string; settled: Promise<TBuildOutcome> }> {
  const pool = deps.pool ?? getLedgerPool();
  await pool.query(
    // Dates go in as ISO strings, like VerificationJob's: the columns are UTC timestamps without a zone.
    `INSERT INTO "ReportBuild" (id, "reportType", "requestedById", status, phase, "startedAt", "heartbeatAt")
     VALUES ($1, $2, $3, 'building', $4, $5::timestamp, now())`,
    [prepared.id, prepared.type, prepared.actor.id, INITIAL_PROGRESS.phase, new Date().toISOString()],
  );
  return { id: prepared.id, settled: runBuild(pool, prepared, deps) };
}

async function runBuild(pool: LedgerPool, prepared: TPreparedReport, deps: TIssueReportDeps): Promise<TBuildOutcome> {
  const { id } = prepared;
  // Writes go one after another, so a slow one is never overtaken by an older state.
  let writes: Promise<unknown> = Promise.resolve();
  const write = (sql: string, values: unknown[]) => {
    writes = writes.then(() => pool.query(sql, [id, ...values])).catch(() => {});
    return writes;
  };
  let current = INITIAL_PROGRESS;
  let lastWrite = 0;
  const onProgress = (next: TBuildProgress) => {
    const phaseChanged = next.phase !== current.phase;
    try {
      current = advanceProgress(current, next);
    } catch (error) {
      // A step out of order is a bug in the bookkeeping, not in the report: the bar holds still
      // and the report is still issued.
      console.error(`[reports] build ${id}: ${error instanceof Error ? error.message : "bad progress"}`);
      return;
    }
    const now = Date.now();
    if (!phaseChanged && now - lastWrite < PROGRESS_WRITE_MS && current.done < current.total) return;
    lastWrite = now;
    void write(
      `UPDATE "ReportBuild" SET phase = $2, done = $3, total = $4, "heartbeatAt" = now() WHERE id = $1 AND status = 'building'`,
      [current.phase, current.done, current.total],
    );
  };
  const beat = setInterval(() => {
    void write(`UPDATE "ReportBuild" SET "heartbeatAt" = now() WHERE id = $1 AND status = 'building'`, []);
  }, BUILD_HEARTBEAT_MS);
  beat.unref();
  try {
    const issued = await completeReportIssue(prepared, { ...deps, pool }, onProgress);
    await write(`UPDATE "ReportBuild" SET status = 'ready', "finishedAt" = now() WHERE id = $1`, []);
    return { ok: true, issued };
  } catch (error) {
    if (!(error instanceof AppError))
      // The cause stays in the log by name only: messages may carry data.
      console.error(`[reports] build ${id} failed: ${error instanceof Error ? error.name : typeof error}`);
    await write(`UPDATE "ReportBuild" SET status = 'failed', "finishedAt" = now(), error = $2::jsonb WHERE id = $1`, [
      JSON.stringify(buildErrorOf(error)),
    ]);
    return { ok: false, error };
  } finally {
    clearInterval(beat);
  }
}

type TBuildRow = {
  id: string;
  reportType: string;
  requestedById: string;
  status: string;
  phase: string;
  done: number;
  total: number;
  startedAt: Date;
  finishedAt: Date | null;
  error: TBuildError | null;
};

/** One build as it stands; a build whose instance stopped beating is failed on the way. */
export async function readReportBuild(prisma: PrismaClient, id: string): Promise<TReportBuild | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  // Both sides of the comparison are the database's clock, as the heartbeats are.
  await prisma.$executeRaw`UPDATE "ReportBuild" SET status = 'failed', "finishedAt" = now(), error = ${JSON.stringify(INTERRUPTED)}::jsonb
     WHERE id = ${id}::uuid AND status = 'building' AND "heartbeatAt" < now() - make_interval(secs => ${BUILD_STALE_AFTER_MS / 1000})`;
  const rows = await prisma.$queryRaw<
    TBuildRow[]
  >`SELECT id::text, "reportType", "requestedById"::text AS "requestedById",
        status, phase, done, total, "startedAt", "finishedAt", error
       FROM "ReportBuild" WHERE id = ${id}::uuid`;
  const row = rows[0];
  if (!row || !isBuildPhase(row.phase)) return null;
  return {
    id: row.id,
    reportType: row.reportType,
    requestedById: row.requestedById,
    status: row.status as TBuildStatus,
    progress: { phase: row.phase, done: row.done, total: row.total },
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    error: row.error,
  };
}
