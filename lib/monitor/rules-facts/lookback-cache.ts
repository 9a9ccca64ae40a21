import "server-only";
import type pg from "pg";
import type { TMonitorEvent } from "../rules/types";
import { loadLookback } from "./load-lookback";

// The windowed rules need, for each batch, the already evaluated events of its actors in the hour
// or so before it. Read from the database, that lookback costs more than the batch itself once a
// few thousand staff work at once (every batch re-reads the last hour). Batches come in ledger
// order, so the previous batches already held it: one rules consumer keeps them in memory and
// answers from there whenever that is exactly what the database would answer, and goes back to
// the database (and starts over) whenever it cannot be sure — after a restart, a failed step, a
// step taken by another instance, or an event recorded further back than it keeps.

/** Events kept at most; beyond this (a burst of far out-of-order events) the cache starts over. */
const MAX_EVENTS = 500_000;

/**
 * Invariant: `events` are every evaluated access event with ledger index ≤ `through` recorded at or
 * after `since` (of every actor), in ledger order; `last` is when the highest-indexed of all
 * evaluated events was recorded.
 */
export type TLookbackCache = { through: bigint | null; since: number; events: TMonitorEvent[]; last: Date | null };

export const newLookbackCache = (): TLookbackCache => ({ through: null, since: Infinity, events: [], last: null });

function forget(cache: TLookbackCache) {
  Object.assign(cache, newLookbackCache());
}

/**
 * Whether the cache holds everything evaluated through `from` (the step's watermark): it ended at
 * `from`, or no access event was sealed between where it ended and `from` (steps over other leaves
 * do not reach the consumer). A cache past `from` holds a step that never committed: forgotten.
 */
export async function cacheReaches(client: pg.ClientBase, cache: TLookbackCache, from: bigint): Promise<boolean> {
  if (cache.through === null || cache.through > from) {
    forget(cache);
    return false;
  }
  if (cache.through < from) {
    const { rows } = await client.query(
      `SELECT 1 FROM "LedgerEntry" WHERE kind = 'access_event' AND "index" > $1 AND "index" <= $2 LIMIT 1`,
      [cache.through.toString(), from.toString()],
    );
    if (rows.length > 0) {
      forget(cache);
      return false;
    }
    cache.through = from;
  }
  return true;
}

/** The lookback of `actorIds` in [from, to], as loadLookback would read it; null when the cache does not reach back to `from`. */
export function lookbackFromCache(
  cache: TLookbackCache,
  o: { actorIds: readonly string[]; from: Date; to: Date },
): TMonitorEvent[] | null {
  if (cache.through === null || o.from.getTime() < cache.since) return null;
  const actors = new Set(o.actorIds);
  const [start, end] = [o.from.getTime(), o.to.getTime()];
  return cache.events.filter((e) => {
    const t = e.recorded.getTime();
    return e.actorId !== null && actors.has(e.actorId) && t >= start && t <= end;
  });
}

/**
 * Read every actor's evaluated events before `beforeIndex` recorded from `from` on, and make them
 * the cache (then complete from `from`, through `through`).
 */
export async function refillCache(
  client: pg.ClientBase,
  cache: TLookbackCache,
  o: { from: Date; beforeIndex: bigint; through: bigint; last: Date | null },
): Promise<void> {
  const events = await loadLookback(client, { actorIds: null, from: o.from, to: null, beforeIndex: o.beforeIndex });
  Object.assign(cache, { through: o.through, since: o.from.getTime(), events, last: o.last });
}

/**
 * After a batch is evaluated: add its events (every access event in (through, to]) and drop those
 * recorded before `keepFrom`, which keeps the invariant. A batch's own lookback start, less one
 * more lookback, is a good `keepFrom`: the next batch in recorded order needs no more, and one that
 * reaches further back (out of order) is read from the database.
 */
export function rememberBatch(
  cache: TLookbackCache,
  o: { to: bigint; events: readonly TMonitorEvent[]; keepFrom: Date },
): void {
  if (cache.through === null) return;
  const since = Math.max(cache.since, o.keepFrom.getTime());
  const kept = [...cache.events, ...o.events].filter((e) => e.recorded.getTime() >= since);
  if (kept.length > MAX_EVENTS) return forget(cache);
  const last = o.events.length > 0 ? o.events[o.events.length - 1]!.recorded : cache.last;
  Object.assign(cache, { through: o.to, since, events: kept, last });
}
