import "server-only";
import { newAnchoredRowId } from "../anchored-row-id";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { runVerification, type TVerificationRun } from "./run-verification";

// A full verification reads the whole ledger: started from the web it must neither hold the request
// open nor run twice at once because two people (or one impatient one) pressed the button. The one
// running job is a row in VerificationJob, unique across app instances through a unique partial
// index on its "running" status, so a second start — on this instance or another — finds the row
// and joins it. The run itself goes on in the background of the instance that won the row.

/** A running job's instance refreshes its heartbeat this often... */
export const HEARTBEAT_MS = 10_000;
/** ...and a running row not refreshed for this long belongs to an instance that died: given up. */
export const STALE_AFTER_MS = 60_000;

export type TVerificationJob = { jobId: string; startedAt: Date; joined: boolean };

export type TStartVerificationOptions = {
  pool?: LedgerPool;
  /** The run to start; tests delay it to hold the job open. */
  run?: (pool: LedgerPool) => Promise<TVerificationRun>;
  /** Called when a started run has ended and its job row says so. */
  onSettled?: () => void;
};

/** Start a full verification, or join the one already running; answers at once with the job. */
export async function startVerification(options: TStartVerificationOptions = {}): Promise<TVerificationJob> {
  const pool = options.pool ?? getLedgerPool();
  const run = options.run ?? ((p) => runVerification({ pool: p, mode: "full" }));
  for (let attempt = 0; attempt < 3; attempt++) {
    await pool.query(
      `UPDATE "VerificationJob" SET status = 'failed', "finishedAt" = now()
       WHERE status = 'running' AND "heartbeatAt" < now() - make_interval(secs => $1)`,
      [STALE_AFTER_MS / 1000],
    );
    const inserted = await pool.query<{ id: string; startedAt: Date }>(
      // Dates go in as ISO strings, like VerificationRun's: the columns are UTC timestamps without a zone.
      `INSERT INTO "VerificationJob" (id, status, "startedAt") VALUES ($1, 'running', $2::timestamp)
       ON CONFLICT DO NOTHING RETURNING id, "startedAt"`,
      [newAnchoredRowId(), new Date().toISOString()],
    );
    if (inserted.rows[0]) {
      runInBackground(pool, inserted.rows[0].id, run, options.onSettled);
      return { jobId: inserted.rows[0].id, startedAt: inserted.rows[0].startedAt, joined: false };
    }
    const running = await pool.query<{ id: string; startedAt: Date }>(
      `SELECT id, "startedAt" FROM "VerificationJob" WHERE status = 'running'`,
    );
    if (running.rows[0]) return { jobId: running.rows[0].id, startedAt: running.rows[0].startedAt, joined: true };
    // The running job ended between the two statements: try again.
  }
  throw new Error("could not start or join a verification job");
}

/** The job that is running now, if any (for the page to show and poll). */
export async function runningVerification(pool: LedgerPool = getLedgerPool()) {
  const { rows } = await pool.query<{ id: string; startedAt: Date }>(
    `SELECT id, "startedAt" FROM "VerificationJob"
     WHERE status = 'running' AND "heartbeatAt" >= now() - make_interval(secs => $1)`,
    [STALE_AFTER_MS / 1000],
  );
  return rows[0] ? { jobId: rows[0].id, startedAt: rows[0].startedAt } : null;
}

function runInBackground(
  pool: LedgerPool,
  jobId: string,
  run: (pool: LedgerPool) => Promise<TVerificationRun>,
  onSettled?: () => void,
) {
  const beat = setInterval(() => {
    pool.query(`UPDATE "VerificationJob" SET "heartbeatAt" = now() WHERE id = $1`, [jobId]).catch(() => {});
  }, HEARTBEAT_MS);
  beat.unref();
  const finish = (status: "done" | "failed", runId: string | null) =>
    pool.query(`UPDATE "VerificationJob" SET status = $2, "runId" = $3, "finishedAt" = now() WHERE id = $1`, [
      jobId,
      status,
      runId,
    ]);
  run(pool)
    .then(
      (result) => finish("done", result.runId),
      (error: unknown) => {
        // The run's own findings are stored with it; an error here is a bug or a lost database.
        console.error(`[verify] job ${jobId} failed: ${error instanceof Error ? error.name : typeof error}`);
        return finish("failed", null);
      },
    )
    .catch(() => {})
    .finally(() => {
      clearInterval(beat);
      onSettled?.();
    });
}
