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
//
// The cache covers a bounded stretch of recorded time, [since, until], read one batch span ahead and
// extended as batches move past its end. It never reads "everything recorded after the batch":
// when a day is sealed behind a day already evaluated (an import, a late feed), that is the whole
// evaluated day, read again every step once it outgrows the cache.

/** Events kept at most; beyond this (a burst of far out-of-order events) the cache starts over. */
const MAX_EVENTS = 500_000;

/** A read reaches this many times the batch's lookback span past the batch's end. */
const REFILL_AHEAD_SPANS = 1;

/**
 * Invariant: `events` are every evaluated access event with ledger index ≤ `through` recorded in
 * [`since`, `until`] (of every actor), in ledger order; `last` is when the highest-indexed of all
 * evaluated events was recorded.
 */
export type TLookbackCache = {
  through: bigint | null;
  since: number;
  until: number;
  events: TMonitorEvent[];
  last: Date | null;
  readonly maxEvents: number;
};

export const newLookbackCache = (maxEvents = MAX_EVENTS): TLookbackCache => ({
  through: null,
  since: Infinity,
  until: -Infinity,
  events: [],
  last: null,
  maxEvents,
});

function forget(cache: TLookbackCache) {
  Object.assign(cache, { through: null, since: Infinity, until: -Infinity, events: [], last: null });
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
  if (cache.through === null || o.from.getTime() < cache.since || o.to.getTime() > cache.until) return null;
  const actors = new Set(o.actorIds);
  const [start, end] = [o.from.getTime(), o.to.getTime()];
  return cache.events.filter((e) => {
    const t = e.recorded.getTime();
    return e.actorId !== null && actors.has(e.actorId) && t >= start && t <= end;
  });
}

/**
 * Make the cache hold every actor's evaluated events (before `beforeIndex`) in [from, to] and a few
 * spans past `to`: when it already starts early enough, only the stretch past its end is read
 * (events sealed in recorded order never need it); otherwise it is read anew from `from`. Either
 * way it then holds everything through `through`.
 */
export async function fillCache(
  client: pg.ClientBase,
  cache: TLookbackCache,
  o: { from: Date; to: Date; beforeIndex: bigint; through: bigint; last: Date | null },
): Promise<void> {
  const span = o.to.getTime() - o.from.getTime();
  const extend = cache.through === o.through && o.from.getTime() >= cache.since;
  const start = extend ? cache.until : o.from.getTime();
  const reach = Math.max(start, o.to.getTime()) + REFILL_AHEAD_SPANS * span;
  const read = await loadLookback(client, {
    actorIds: null,
    from: new Date(start),
    to: new Date(reach),
    beforeIndex: o.beforeIndex,
  });
  // An extension starts at the old end, which the cache already holds: those rows are skipped.
  const fresh = extend ? read.filter((e) => e.recorded.getTime() > start) : read;
  const events = extend ? mergeByIndex(cache.events, fresh) : fresh;
  if (events.length > cache.maxEvents) return forget(cache);
  Object.assign(cache, {
    through: o.through,
    since: extend ? cache.since : o.from.getTime(),
    until: reach,
    events,
    last: o.last,
  });
}

/** Two lists in ledger order, as one. */
function mergeByIndex(a: readonly TMonitorEvent[], b: readonly TMonitorEvent[]): TMonitorEvent[] {
  const out: TMonitorEvent[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) out.push(a[i]!.ledgerIndex < b[j]!.ledgerIndex ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
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
  const kept = [...cache.events, ...o.events].filter((e) => {
    const t = e.recorded.getTime();
    return t >= since && t <= cache.until;
  });
  if (kept.length > cache.maxEvents) return forget(cache);
  const last = o.events.length > 0 ? o.events[o.events.length - 1]!.recorded : cache.last;
  Object.assign(cache, { through: o.to, since, events: kept, last });
}
