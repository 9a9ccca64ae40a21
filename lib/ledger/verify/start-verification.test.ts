import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { sealPending } from "../seal/seal-pending";
import { appendAccessEvents } from "../testing/ledger-fixtures";
import { runVerification } from "./run-verification";
import { runningVerification, startVerification, STALE_AFTER_MS } from "./start-verification";

// Two app instances are two pools on one database: a start on either joins a run on the other.
let db: TTestDatabase;
let one: LedgerPool;
let two: LedgerPool;
beforeAll(async () => {
  db = await createTestDatabase();
  one = createLedgerPool(db.url);
  two = createLedgerPool(db.url);
  await appendAccessEvents(one, 20);
  await sealPending({ pool: one });
});
afterAll(async () => {
  await one.end();
  await two.end();
});

/** The real run, held back until released, so the job stays running while the test looks. */
function heldRun() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let runs = 0;
  let settle!: () => void;
  const settled = new Promise<void>((r) => (settle = r));
  const run = async (pool: LedgerPool) => {
    runs++;
    await gate;
    return runVerification({ pool, mode: "full" });
  };
  return { run, release, settled, onSettled: () => settle(), runs: () => runs };
}

describe("startVerification", () => {
  it("runs one full verification for many concurrent starts on two instances, then starts afresh", async () => {
    const held = heldRun();
    const starts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => startVerification({ pool: i % 2 ? two : one, ...held })),
    );
    expect(new Set(starts.map((s) => s.jobId)).size).toBe(1);
    expect(starts.filter((s) => !s.joined)).toHaveLength(1);
    expect(await runningVerification(two)).toMatchObject({ jobId: starts[0].jobId });
    held.release();
    await held.settled;
    expect(held.runs()).toBe(1);
    const { rows } = await one.query(`SELECT status, "runId" FROM "VerificationJob" WHERE id = $1`, [starts[0].jobId]);
    expect(rows[0].status).toBe("done");
    const run = await one.query(`SELECT mode, ok FROM "VerificationRun" WHERE id = $1`, [rows[0].runId]);
    expect(run.rows).toEqual([{ mode: "full", ok: true }]);
    expect(await runningVerification(one)).toBeNull();

    const again = heldRun();
    const next = await startVerification({ pool: two, ...again });
    expect(next.joined).toBe(false);
    expect(next.jobId).not.toBe(starts[0].jobId);
    again.release();
    await again.settled;
  });

  it("gives up a running job whose instance stopped beating, instead of waiting for it forever", async () => {
    await one.query(
      `INSERT INTO "VerificationJob" (id, status, "startedAt", "heartbeatAt")
       VALUES ('00000000-0000-7000-8000-00000000dead', 'running', now() - interval '1 hour', now() - make_interval(secs => $1))`,
      [(STALE_AFTER_MS * 2) / 1000],
    );
    expect(await runningVerification(one)).toBeNull();
    const held = heldRun();
    const job = await startVerification({ pool: one, ...held });
    expect(job).toMatchObject({ joined: false });
    const dead = await one.query(
      `SELECT status FROM "VerificationJob" WHERE id = '00000000-0000-7000-8000-00000000dead'`,
    );
    expect(dead.rows[0].status).toBe("failed");
    held.release();
    await held.settled;
  });
});
