import "server-only";
import type pg from "pg";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { DEFAULT_MAX_BATCH, sealBatch, type TSealResult } from "./seal-batch";
import { LEDGER_CHANNEL, onWake } from "./sequencer-signal";
import type { LogKeys } from "../log-keys";

// Small enough that the queue stays a few hundred pages (each take scans it), large enough that
// a vacuum (a few ms) runs every few seals. Under the benchmark's load, 20,000 gave a seal p99
// a quarter lower than 100,000; 10,000 was no better.
export const QUEUE_VACUUM_EVERY_ROWS = 20_000;

export type TSequencerOptions = {
  pool?: LedgerPool;
  /** Poll interval when nothing wakes the loop; bounds latency for rows queued by other processes. */
  intervalMs?: number;
  /** After a wake-up, wait this long so concurrent writers' rows land in the same block. */
  gatherMs?: number;
  maxRows?: number;
  keys?: LogKeys;
  /** LISTEN for NOTIFY on LEDGER_CHANNEL from other processes (default true). */
  listen?: boolean;
  onSeal?: (result: TSealResult) => void;
  onError?: (err: unknown) => void;
  /** VACUUM LedgerQueue after this many rows were taken from it since the last one (default 20,000; 0 disables). */
  vacuumEveryRows?: number;
};

/** application_name of the connection a sequencer seals on. */
export const SEALER_APPLICATION_NAME = "healthledger-sequencer";

/** How often a sequencer whose LISTEN connection failed tries another (polling covers the gap). */
const LISTEN_RETRY_MS = 30_000;

const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

type THeldConnection = { client: pg.PoolClient; release: (err?: Error) => void };

/**
 * A pool connection to keep for a long time. Its "error" events (the server closed it) go to
 * `onLost`: unhandled, they would end the process. Releasing it more than once does nothing,
 * since a lost connection may be released both by `onLost` and by a query that failed on it.
 */
async function holdConnection(pool: LedgerPool, onLost: (err: Error) => void): Promise<THeldConnection> {
  const client = await pool.connect();
  let released = false;
  client.on("error", onLost);
  return {
    client,
    release(err) {
      if (released) return;
      released = true;
      // Back in the pool, the pool handles its errors; a destroyed one keeps this handler.
      if (!err) client.off("error", onLost);
      client.release(err);
    },
  };
}

export type TSequencer = {
  wake: () => void;
  stop: () => Promise<void>;
  readonly running: boolean;
  /** Settles once the loop holds its sealing connection (and its LISTEN one), or has reported failing to get them. */
  ready: Promise<void>;
};

/**
 * The long-running sealing loop every app instance starts. All of them run it; the advisory
 * lock in sealBatch lets one seal at a time, and a loser nudges the winner by NOTIFY so rows it
 * saw are not left waiting for the next poll. Errors (e.g. LedgerIntegrityError) are reported
 * and retried with backoff; the loop never seals past a failed integrity check.
 */
export function startSequencer(options: TSequencerOptions = {}): TSequencer {
  const pool = options.pool ?? getLedgerPool();
  const intervalMs = options.intervalMs ?? 200;
  const gatherMs = options.gatherMs ?? 5;
  const maxRows = options.maxRows ?? DEFAULT_MAX_BATCH;
  const onError = options.onError ?? ((err: unknown) => console.error("[ledger] sequencer:", err));
  let running = true;
  let pending = false;
  let wakeUp: (() => void) | null = null;
  let listener: THeldConnection | null = null;
  // The loop keeps one connection for sealing instead of taking one from the pool per seal: a
  // pool busy with requests (or a connection opened on demand, a few hundred ms under load) would
  // hold up every queued row. A connection that failed a seal is dropped and a new one taken.
  let sealer: THeldConnection | null = null;
  const vacuumEveryRows = options.vacuumEveryRows ?? QUEUE_VACUUM_EVERY_ROWS;
  let takenSinceVacuum = 0;
  let vacuuming: Promise<void> | null = null;

  // Every seal deletes its rows from the head of LedgerQueue. Until a vacuum removes them, the
  // next take walks every dead index entry and heap tuple before it finds a live row, so each
  // seal gets slower with the number of leaves sealed since the last vacuum; autovacuum (one
  // pass per naptime) cannot keep up with a busy sealer. Vacuum it ourselves, on another
  // connection and without waiting, so sealing goes on meanwhile.
  const vacuumQueue = () => {
    if (vacuuming || vacuumEveryRows <= 0 || takenSinceVacuum < vacuumEveryRows) return;
    takenSinceVacuum = 0;
    vacuuming = pool
      .query(`VACUUM "LedgerQueue"`)
      .then(() => {}, onError)
      .finally(() => {
        vacuuming = null;
      });
  };

  const wake = () => {
    pending = true;
    wakeUp?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  const unsubscribe = onWake(wake);

  // A connection lost while held is dropped at once if it is the listener; the sealer's next
  // seal fails on it, which drops it. Either is replaced on the loop's next turn.
  let lastListenAttempt = -Infinity;
  const listen = async () => {
    if (options.listen === false || listener || performance.now() - lastListenAttempt < LISTEN_RETRY_MS) return;
    lastListenAttempt = performance.now();
    let held: THeldConnection | null = null;
    try {
      held = await holdConnection(pool, (err) => {
        if (listener === held) listener = null;
        held?.release(err);
        onError(err);
      });
      held.client.on("notification", wake);
      await held.client.query(`LISTEN ${LEDGER_CHANNEL}`);
      listener = held;
    } catch (err) {
      held?.release(asError(err));
      onError(err);
    }
  };
  const connectSealer = async () => {
    const held = await holdConnection(pool, () => {});
    // Named, so pg_stat_activity tells an operator which backend is the sealer.
    try {
      await held.client.query(`SET application_name = '${SEALER_APPLICATION_NAME}'`);
    } catch (err) {
      held.release(asError(err));
      throw err;
    }
    return held;
  };

  let setReady = () => {};
  const ready = new Promise<void>((resolve) => (setReady = resolve));

  const loop = async () => {
    let failures = 0;
    while (running) {
      let full = false;
      await listen();
      try {
        sealer ??= await connectSealer().finally(setReady);
        const r = await sealBatch({ client: sealer.client, maxRows, keys: options.keys });
        failures = 0;
        if (r.block) options.onSeal?.(r);
        // Counts only: the entries themselves are on the audit-evidence page and in verification.
        if (r.refused > 0) console.warn(`[ledger] refused ${r.refused} queue entries (see LedgerRefusedEntry)`);
        if (r.locked) {
          takenSinceVacuum += r.sealed + r.refused;
          vacuumQueue();
        }
        full = r.locked && r.sealed + r.refused >= maxRows;
        // Whoever holds the lock may be about to sleep without having seen our writers' rows.
        if (!r.locked && pending) await pool.query(`NOTIFY ${LEDGER_CHANNEL}`).catch(onError);
      } catch (err) {
        failures++;
        sealer?.release(asError(err));
        sealer = null;
        onError(err);
        if (running) await sleep(Math.min(30_000, intervalMs * 2 ** failures));
        continue;
      }
      if (full || !running) continue;
      if (!pending) await sleep(intervalMs);
      if (pending && running) {
        pending = false;
        await sleep(gatherMs);
      }
    }
  };
  const done = loop().finally(() => {
    // Closed, not returned to the pool: it is named as the sealer, and the health check counts
    // connections of that name as running sequencers.
    sealer?.release(new Error("sequencer stopped"));
    setReady();
  });

  return {
    wake,
    ready,
    get running() {
      return running;
    },
    async stop() {
      running = false;
      wakeUp?.();
      unsubscribe();
      await done;
      await vacuuming;
      if (listener) {
        await listener.client.query(`UNLISTEN ${LEDGER_CHANNEL}`).catch(() => {});
        listener.client.off("notification", wake);
        listener.release();
      }
    },
  };
}
