// Rule evaluation over every sealed event (the rules consumer as `healthledger monitor backfill`
// runs it) against a plain streamed SELECT of the same columns through the same joins: what any
// consumer of the sealed log has to pay just to read it. The rollups are built first (the rules
// read their baselines from them) and timed on their own.
import type pg from "pg";
import { backfillMonitor } from "../../lib/monitor/backfill-monitor";
import { toSealedEvents, type TScannedRow } from "../../lib/monitor/watermark/sealed-access-events";

// The columns and joins of SCAN_SEALED_EVENTS_SQL (lib/monitor/watermark/sealed-access-events.ts)
// over the whole ledger in one cursor, instead of one bounded step per transaction.
const STREAM_SQL = `
  SELECT s."index" AS "ledgerIndex", s.kind, a.id, a.recorded, a.type, a.subtype, a.action,
         a.outcome, a."actorId", a."actorRole", a."purposeOfUse", a."patientId", a."entityWhat",
         u.department
  FROM "LedgerEntry" s
  LEFT JOIN "AccessEvent" a ON s.kind = 'access_event' AND a.id = s."rowId"
  LEFT JOIN "User" u ON u.id = a."actorId"
  ORDER BY s."index"`;
const FETCH_ROWS = 5_000;

/** Events per second of a server-side cursor over the sealed log, rows turned into the consumers' event objects. */
export async function streamedSelect(pool: pg.Pool): Promise<{ events: number; rate: number }> {
  const client = await pool.connect();
  try {
    const t0 = performance.now();
    await client.query("BEGIN READ ONLY");
    await client.query(`DECLARE sealed_scan NO SCROLL CURSOR FOR ${STREAM_SQL}`);
    let events = 0;
    for (;;) {
      const { rows } = await client.query<TScannedRow>(`FETCH ${FETCH_ROWS} FROM sealed_scan`);
      if (rows.length === 0) break;
      events += toSealedEvents(rows).length;
    }
    await client.query("COMMIT");
    return { events, rate: events / ((performance.now() - t0) / 1000) };
  } finally {
    client.release();
  }
}

export type TRulesFigures = {
  baseline: number;
  baselineRuns: number[];
  rollups: number;
  rules: number;
  events: number;
  alerts: number;
};

/**
 * The baseline before and after the backfill (the faster counts: the ratio errs against the rules).
 * `settle` (VACUUM (ANALYZE), CHECKPOINT) runs between the rollups and the rules: the rules read
 * their baselines from the rollups just written, which the planner would otherwise take for the
 * empty tables of the last ANALYZE, and autovacuum's pass over them would land in the rules' time.
 */
export async function measureRules(pool: pg.Pool, settle: () => Promise<void>): Promise<TRulesFigures> {
  console.log("plain streamed SELECT of the consumers' columns (baseline, run 1 of 2) …");
  const before = await streamedSelect(pool);
  console.log(
    `  ${before.events.toLocaleString("en-US")} events, ${Math.round(before.rate).toLocaleString("en-US")}/s`,
  );
  const rateOf = async (consumer: string) => {
    console.log(`monitor backfill --consumer ${consumer} …`);
    const [r] = await backfillMonitor(pool, { consumer });
    const rate = r.events / (r.ms / 1000);
    console.log(
      `  ${r.events.toLocaleString("en-US")} events in ${(r.ms / 1000).toFixed(1)} s (${Math.round(rate)}/s)`,
    );
    return rate;
  };
  const rollups = await rateOf("rollups");
  await settle();
  const rules = await rateOf("rules");
  console.log("plain streamed SELECT (baseline, run 2 of 2) …");
  const after = await streamedSelect(pool);
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "PrivacyAlert"`);
  return {
    baseline: Math.max(before.rate, after.rate),
    baselineRuns: [before.rate, after.rate],
    rollups,
    rules,
    events: before.events,
    alerts: Number(rows[0].n),
  };
}
