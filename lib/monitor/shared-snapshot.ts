// A value computed at most once per `refreshAfterMs` per process and shared by every caller
// meanwhile (single-flight): the dashboard's figures cost ~20 ms of CPU to gather through Prisma (measured at
// 1,000,000 events), and under 50 concurrent page loads recomputing them per request is what made
// the page slow, not the SQL. Only for values that are the same for every caller: the permission
// check stays with each request, before the snapshot is read, and nothing per-user goes in.

export type TSnapshot<T> = {
  value: T;
  /** When the computation that produced `value` started: its data are at least this fresh. */
  computedAt: Date;
};

export type TSharedSnapshotOptions<T> = {
  /** A value this old is refreshed in the background: callers meanwhile get the kept one. */
  refreshAfterMs: number;
  /** No caller ever gets a value whose computation started this long before its call. */
  maxAgeMs: number;
  compute: () => Promise<T>;
  /** The clock, for tests. */
  now?: () => number;
};

type TFlight<T> = { startedAt: number; promise: Promise<TSnapshot<T>> };

/**
 * `read()` answers with a snapshot whose computation started less than `maxAgeMs` before the call.
 * Younger than `refreshAfterMs`, the kept one. Older, but younger than `maxAgeMs`, still the kept
 * one, while one computation refreshes it in the background (so the requests of that moment do
 * not all wait for it: under 50 connections they did, and set the page's p97.5). Older still, or
 * none kept: the computation in flight if it started within `maxAgeMs`, else a new one. A failed
 * computation is not kept: its waiting callers get its error and a later call computes again.
 */
export function sharedSnapshot<T>(o: TSharedSnapshotOptions<T>): {
  read: () => Promise<TSnapshot<T>>;
  clear: () => void;
} {
  const now = o.now ?? (() => Date.now());
  let kept: TSnapshot<T> | null = null;
  let flight: TFlight<T> | null = null;
  const within = (startedAt: number, at: number, ms: number) => at - startedAt < ms;
  const start = (at: number): TFlight<T> => {
    const mine: TFlight<T> = {
      startedAt: at,
      promise: o.compute().then(
        (value) => {
          const snapshot = { value, computedAt: new Date(at) };
          // A slower, older flight finishing late must not replace a newer value.
          if (!kept || kept.computedAt.getTime() < at) kept = snapshot;
          if (flight === mine) flight = null;
          return snapshot;
        },
        (error: unknown) => {
          if (flight === mine) flight = null;
          throw error;
        },
      ),
    };
    flight = mine;
    return mine;
  };
  return {
    read() {
      const at = now();
      if (kept && within(kept.computedAt.getTime(), at, o.refreshAfterMs)) return Promise.resolve(kept);
      if (kept && within(kept.computedAt.getTime(), at, o.maxAgeMs)) {
        // A refresh nobody waits for: its failure shows to the first caller that must wait.
        if (!flight) start(at).promise.catch(() => {});
        return Promise.resolve(kept);
      }
      if (flight && within(flight.startedAt, at, o.maxAgeMs)) return flight.promise;
      return start(at).promise;
    },
    clear() {
      kept = null;
      flight = null;
    },
  };
}

type TRead<T> = ReturnType<typeof sharedSnapshot<T>>;
// On globalThis, as the Prisma client is: pages and API routes are bundled apart and would each
// keep a copy otherwise.
const registry = globalThis as unknown as { __hlSharedSnapshots?: Map<string, WeakMap<object, TRead<unknown>>> };

/**
 * One sharedSnapshot per key (the Prisma client, so two databases in one process, as in tests,
 * never share a value), registered process-wide under `name`.
 */
export function sharedSnapshotPerKey<K extends object, T>(
  name: string,
  o: { refreshAfterMs: number; maxAgeMs: number; compute: (key: K) => Promise<T> },
): (key: K) => Promise<TSnapshot<T>> {
  return (key) => {
    const all = (registry.__hlSharedSnapshots ??= new Map());
    let byKey = all.get(name);
    if (!byKey) all.set(name, (byKey = new WeakMap()));
    let snapshot = byKey.get(key) as TRead<T> | undefined;
    if (!snapshot) {
      snapshot = sharedSnapshot({ ...o, compute: () => o.compute(key) });
      byKey.set(key, snapshot as TRead<unknown>);
    }
    return snapshot.read();
  };
}
