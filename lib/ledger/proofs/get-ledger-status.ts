import "server-only";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { readLatestBlock, type TLedgerBlock } from "../read-ledger-state";

export type TLedgerStatus = {
  latest: TLedgerBlock | null;
  queued: number;
  oldestQueuedAt: Date | null;
  lastRun: { id: string; ok: boolean; treeSize: number; findingCount: number; finishedAt: Date } | null;
};

/** What the audit-evidence page shows at the top: the head, the backlog, the last check. */
export async function getLedgerStatus(input: { pool?: LedgerPool } = {}): Promise<TLedgerStatus> {
  const pool = input.pool ?? getLedgerPool();
  const [latest, queue, run] = await Promise.all([
    readLatestBlock(pool),
    pool.query(`SELECT count(*)::int AS n, min("enqueuedAt") AS oldest FROM "LedgerQueue"`),
    pool.query(
      `SELECT id, ok, "treeSize", "findingCount", "finishedAt" FROM "VerificationRun" ORDER BY "finishedAt" DESC LIMIT 1`,
    ),
  ]);
  const r = run.rows[0];
  return {
    latest,
    queued: queue.rows[0].n,
    oldestQueuedAt: queue.rows[0].oldest,
    lastRun: r
      ? { id: r.id, ok: r.ok, treeSize: Number(r.treeSize), findingCount: r.findingCount, finishedAt: r.finishedAt }
      : null,
  };
}
