import "server-only";
import type pg from "pg";
import { AppError } from "@/lib/errors";
import { MONITOR_CONSUMERS } from "./consumers";
import { catchUpConsumer, type TCatchUpProgress, type TMonitorConsumer } from "./watermark/advance-consumer";

/**
 * A backfill's step: four live steps' worth. Each step re-reads the hour before it (the windowed
 * rules' lookback), so at a busy hospital's rate (~15,000 events an hour at 10 million a month) a
 * live-sized step of 5,000 leaves reads three times its own size again; 20,000 reads under one.
 */
export const BACKFILL_STEP_LEAVES = 20_000;

export type TBackfillResult = { consumer: string; events: number; ms: number; watermark: bigint };

/**
 * Start a consumer over: its derived data and its watermark are reset in one transaction,
 * holding the watermark row's lock (waiting for a step in progress elsewhere to finish), so no
 * instance ever reads a half-reset state. What reset means is the consumer's: the rollups are
 * emptied; the rules keep every alert.
 */
export async function resetConsumer(pool: pg.Pool, consumer: TMonitorConsumer): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "MonitorWatermark" (consumer, "ledgerIndex") VALUES ($1, -1) ON CONFLICT DO NOTHING`,
      [consumer.name],
    );
    await client.query(`SELECT 1 FROM "MonitorWatermark" WHERE consumer = $1 FOR UPDATE`, [consumer.name]);
    await consumer.reset?.(client);
    await client.query(`UPDATE "MonitorWatermark" SET "ledgerIndex" = -1, "updatedAt" = now() WHERE consumer = $1`, [
      consumer.name,
    ]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Brings consumers up to the last sealed leaf (all of them, in their stepping order, or the one
 * named), optionally from scratch. A consumer that follows another (`after`) is caught up after
 * it, so the rules never wait on rollups that are not being built.
 */
export async function backfillMonitor(
  pool: pg.Pool,
  o: {
    consumer?: string;
    fromScratch?: boolean;
    onProgress?: (p: TCatchUpProgress) => void;
    consumers?: readonly TMonitorConsumer[];
    /** Leaves per step (one transaction each); larger than the live consumers' by default. */
    stepLeaves?: number;
  },
): Promise<TBackfillResult[]> {
  const all = o.consumers ?? MONITOR_CONSUMERS;
  const chosen = o.consumer ? all.filter((c) => c.name === o.consumer) : all;
  if (chosen.length === 0)
    throw new AppError(
      "not_found",
      `No monitor consumer "${o.consumer}": choose one of ${all.map((c) => c.name).join(", ")}.`,
    );
  if (o.fromScratch) for (const c of chosen) await resetConsumer(pool, c);
  const results: TBackfillResult[] = [];
  for (const consumer of chosen) {
    // A follower is bounded by its leader's watermark: bring the leader up first.
    const leader = consumer.after ? all.find((c) => c.name === consumer.after) : undefined;
    if (leader && !chosen.includes(leader)) await catchUpConsumer(pool, leader, { timeoutMs: 24 * 3_600_000 });
    const started = Date.now();
    let watermark = -1n;
    const events = await catchUpConsumer(pool, consumer, {
      maxLeaves: o.stepLeaves ?? BACKFILL_STEP_LEAVES,
      timeoutMs: 24 * 3_600_000,
      onProgress: (p) => {
        watermark = p.watermark;
        o.onProgress?.(p);
      },
    });
    results.push({ consumer: consumer.name, events, ms: Date.now() - started, watermark });
  }
  return results;
}
