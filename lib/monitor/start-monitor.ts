import "server-only";
import type pg from "pg";
import { getLedgerPool } from "@/lib/ledger/ledger-pool";
import { MONITOR_CONSUMERS } from "./consumers";
import { advanceConsumer, DEFAULT_STEP_LEAVES, type TMonitorConsumer } from "./watermark/advance-consumer";

export type TMonitor = { stop: () => Promise<void>; readonly running: boolean };

const g = globalThis as unknown as { __hlMonitor?: TMonitor };

/** How often an idle monitor looks for newly sealed leaves: the floor of the insert-to-rollup lag. */
const POLL_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * The loop every app instance runs behind its sequencer: each consumer steps until it has read
 * all sealed leaves, then the loop sleeps. Instances need no coordination: a consumer's
 * watermark row is locked for the length of a step, and an instance finding it locked moves on.
 */
export function startMonitor(
  options: { pool?: pg.Pool; consumers?: readonly TMonitorConsumer[]; pollMs?: number } = {},
): TMonitor {
  if (!options.consumers && g.__hlMonitor?.running) return g.__hlMonitor;
  const pool = options.pool ?? getLedgerPool();
  const consumers = options.consumers ?? MONITOR_CONSUMERS;
  const pollMs = options.pollMs ?? POLL_MS;
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let failures = 0;

  const step = async () => {
    for (const consumer of consumers) {
      for (;;) {
        const r = await advanceConsumer(pool, consumer, DEFAULT_STEP_LEAVES);
        if (!running || r.busy || r.scanned < DEFAULT_STEP_LEAVES) break;
      }
    }
  };
  const schedule = (ms: number) => {
    if (!running) return;
    timer = setTimeout(() => {
      current = step().then(
        () => {
          failures = 0;
          schedule(pollMs);
        },
        (err) => {
          failures++;
          if (failures === 1 || failures % 20 === 0)
            console.error("[monitor]", err instanceof Error ? err.message : err);
          schedule(Math.min(MAX_BACKOFF_MS, pollMs * 2 ** Math.min(failures, 6)));
        },
      );
    }, ms);
    timer.unref();
  };
  schedule(0);

  const monitor: TMonitor = {
    get running() {
      return running;
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
  if (!options.consumers) {
    g.__hlMonitor = monitor;
    const stop = () => void monitor.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
  return monitor;
}
