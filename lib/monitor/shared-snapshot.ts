// A value computed at most once per `maxAgeMs` per process and shared by every caller meanwhile
// (single-flight): the dashboard's figures cost ~20 ms of CPU to gather through Prisma (measured at
// 1,000,000 events), and under 50 concurrent page loads recomputing them per request is what made
// the page slow, not the SQL. Only for values that are the same for every caller: the permission
// check stays with each request, before the snapshot is read, and nothing per-user goes in.

export type TSnapshot<T> = {
  value: T;
  /** When the computation that produced `value` started: its data are at least this fresh. */
  computedAt: Date;
};

export type TSharedSnapshotOptions<T> = {
  maxAgeMs: number;
  compute: () => Promise<T>;
  /** The clock, for tests. */
  now?: () => number;
};

type TFlight<T> = { startedAt: number; promise: Promise<TSnapshot<T>> };

/**
 * `read()` answers with a snapshot whose computation started less than `maxAgeMs` before the call:
 * the kept one while young enough, else the one being computed if it started within that bound,
 * else a new computation. A failed computation is not kept: its callers get its error and the
 * next call computes again.
 */
export function sharedSnapshot<T>(o: TSharedSnapshotOptions<T>): {
  read: () => Promise<TSnapshot<T>>;
  clear: () => void;
} {
  const now = o.now ?? (() => Date.now());
  let kept: TSnapshot<T> | null = null;
  let flight: TFlight<T> | null = null;
  const fresh = (startedAt: number, at: number) => at - startedAt < o.maxAgeMs;
  return {
    read() {
      const at = now();
      if (kept && fresh(kept.computedAt.getTime(), at)) return Promise.resolve(kept);
      if (flight && fresh(flight.startedAt, at)) return flight.promise;
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
      return mine.promise;
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
  o: { maxAgeMs: number; compute: (key: K) => Promise<T> },
): (key: K) => Promise<TSnapshot<T>> {
  return (key) => {
    const all = (registry.__hlSharedSnapshots ??= new Map());
    let byKey = all.get(name);
    if (!byKey) all.set(name, (byKey = new WeakMap()));
    let snapshot = byKey.get(key) as TRead<T> | undefined;
    if (!snapshot) {
      snapshot = sharedSnapshot({ maxAgeMs: o.maxAgeMs, compute: () => o.compute(key) });
      byKey.set(key, snapshot as TRead<unknown>);
    }
    return snapshot.read();
  };
}
