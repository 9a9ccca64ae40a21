import "server-only";
import type pg from "pg";
import {
  SCAN_SEALED_EVENTS_SQL,
  toSealedEvents,
  type TScannedRow,
  type TSealedAccessEvent,
} from "./sealed-access-events";

/**
 * A monitoring consumer: it reads sealed access events in ledger order and writes what it
 * derives from them (rollups, findings) through `client`, inside the transaction that also
 * moves its watermark. Commit both or neither: that is what makes each event count once.
 */
export type TMonitorConsumer = {
  name: string;
  /**
   * Another consumer whose watermark bounds this one: this consumer reads no leaf that one has not
   * read (the rules read baselines from the rollups, so they follow them).
   */
  after?: string;
  /** `step`: the watermark the step started from and the last leaf it read, (from, to]. */
  handle: (
    client: pg.ClientBase,
    events: readonly TSealedAccessEvent[],
    step?: { from: bigint; to: bigint },
  ) => Promise<void>;
  /** Forget what it derived, for a rebuild from the first leaf (lib/monitor/backfill-monitor.ts). */
  reset?: (client: pg.ClientBase) => Promise<void>;
};

export type TAdvanceResult =
  { busy: true } | { busy: false; scanned: number; events: number; from: bigint; to: bigint };

/** Leaves per step: large enough to amortise the statements, small enough to keep a step short. */
export const DEFAULT_STEP_LEAVES = 5_000;

/**
 * One step of a consumer: lock its watermark row (another instance holding it means that
 * instance is doing this step, so we return busy rather than wait), read up to `maxLeaves`
 * sealed leaves past it, hand the access events among them to the consumer, move the
 * watermark to the last leaf read, commit.
 */
export async function advanceConsumer(
  pool: pg.Pool,
  consumer: TMonitorConsumer,
  maxLeaves = DEFAULT_STEP_LEAVES,
): Promise<TAdvanceResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "MonitorWatermark" (consumer, "ledgerIndex") VALUES ($1, -1) ON CONFLICT DO NOTHING`,
      [consumer.name],
    );
    const held = await client.query<{ ledgerIndex: string }>(
      `SELECT "ledgerIndex" FROM "MonitorWatermark" WHERE consumer = $1 FOR UPDATE SKIP LOCKED`,
      [consumer.name],
    );
    if (held.rows.length === 0) {
      await client.query("ROLLBACK");
      return { busy: true };
    }
    const from = BigInt(held.rows[0].ledgerIndex);
    const limit = consumer.after ? await leavesUpTo(client, consumer.after, from, maxLeaves) : maxLeaves;
    const { rows } =
      limit > 0 ? await client.query<TScannedRow>(SCAN_SEALED_EVENTS_SQL, [from.toString(), limit]) : { rows: [] };
    if (rows.length === 0) {
      await client.query("ROLLBACK");
      return { busy: false, scanned: 0, events: 0, from, to: from };
    }
    const events = toSealedEvents(rows);
    const to = BigInt(rows[rows.length - 1].ledgerIndex);
    if (events.length > 0) await consumer.handle(client, events, { from, to });
    await client.query(`UPDATE "MonitorWatermark" SET "ledgerIndex" = $2, "updatedAt" = now() WHERE consumer = $1`, [
      consumer.name,
      to.toString(),
    ]);
    await client.query("COMMIT");
    return { busy: false, scanned: rows.length, events: events.length, from, to };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** How many leaves past `from` the consumer may read: up to where `leader` has read (its row is read, not locked). */
async function leavesUpTo(client: pg.ClientBase, leader: string, from: bigint, maxLeaves: number): Promise<number> {
  const { rows } = await client.query<{ ledgerIndex: string }>(
    `SELECT "ledgerIndex"::text AS "ledgerIndex" FROM "MonitorWatermark" WHERE consumer = $1`,
    [leader],
  );
  const ceiling = BigInt(rows[0]?.ledgerIndex ?? -1);
  // Indexes are gapless, so the leaves in (from, ceiling] number ceiling − from.
  return Number(ceiling - from < BigInt(maxLeaves) ? (ceiling > from ? ceiling - from : 0n) : BigInt(maxLeaves));
}

export type TCatchUpProgress = { consumer: string; watermark: bigint; treeSize: bigint };

/**
 * Steps a consumer until it has read every leaf sealed when the call began (the CLI backfill,
 * tests, and the app's monitor loop). Returns the number of events handled; a busy watermark
 * (another instance is stepping) is waited out with short sleeps.
 */
export async function catchUpConsumer(
  pool: pg.Pool,
  consumer: TMonitorConsumer,
  options: { maxLeaves?: number; onProgress?: (p: TCatchUpProgress) => void; timeoutMs?: number } = {},
): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT "treeSize"::text AS n FROM "LedgerBlock" ORDER BY height DESC LIMIT 1`,
  );
  const treeSize = BigInt(rows[0]?.n ?? 0);
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  let handled = 0;
  for (;;) {
    const r = await advanceConsumer(pool, consumer, options.maxLeaves);
    if (r.busy) {
      if (Date.now() > deadline) throw new Error(`monitor: the ${consumer.name} watermark stayed locked`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    handled += r.events;
    options.onProgress?.({ consumer: consumer.name, watermark: r.to, treeSize });
    if (r.scanned === 0 || r.to + 1n >= treeSize) return handled;
  }
}
