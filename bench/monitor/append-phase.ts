// Ledger append with the monitor (rollups, then the rules) running, against the same append
// without it: the scale seeder's events (real staff, patients and care teams, so the rules do
// their real work) written by concurrent writers through importAccessEvents, timed until the last
// row is sealed. The monitor runs in one of two places: in the writers' process, as an app
// instance runs it by default (`inline`), or in a process of its own at nice 10, as
// `healthledger monitor follow --nice 10` runs it beside instances started with HL_MONITOR=off
// (`process`). Runs rotate through off/inline/process so drift on this shared machine falls on
// all alike; before each run the monitor is brought up to date untimed, so a run with it pays
// for its own events only.
import { importAccessEvents, type THistoricAccessEvent } from "../../lib/access/import-access-events";
import { withTransaction } from "../../lib/db/with-transaction";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { LedgerPool } from "../../lib/ledger/ledger-pool";
import { startSequencer } from "../../lib/ledger/seal/sequencer";
import { backfillMonitor } from "../../lib/monitor/backfill-monitor";
import { MONITOR_CONSUMERS } from "../../lib/monitor/consumers";
import { startMonitor } from "../../lib/monitor/start-monitor";
import { loadWorld } from "../../prisma/seed/history/load-world";
import { scaleEvents } from "../../prisma/seed/history/scale-events";
import { startHelperProcess } from "../child-process";
import { waitForMonitor } from "./lag-phase";

const WRITERS = 8;
const PLACES: Record<TMonitorPlace, string> = {
  off: "off",
  inline: "in the writers' process",
  process: "in its own process at nice 10",
};
const BATCH = 500;

export type TMonitorPlace = "off" | "inline" | "process";
export type TAppendRun = { monitor: TMonitorPlace; rate: number; catchUpMs: number };

/** `healthledger monitor follow --nice 10` on the benchmark's database, once it has started. */
const startFollower = (databaseUrl: string) =>
  startHelperProcess({
    args: ["bin/healthledger.ts", "monitor", "follow", "--nice", "10"],
    databaseUrl,
    isReady: (line) => line.startsWith("following the ledger"),
  });

async function appendOnce(o: {
  pool: LedgerPool;
  sealPool: LedgerPool;
  monitorPool: LedgerPool;
  databaseUrl: string;
  events: readonly THistoricAccessEvent[];
  monitor: TMonitorPlace;
}): Promise<TAppendRun> {
  await backfillMonitor(o.pool, {});
  const { rows } = await o.pool.query<{ n: string }>(
    `SELECT coalesce(max("treeSize"), 0)::text AS n FROM "LedgerBlock"`,
  );
  const goal = Number(rows[0].n) + o.events.length;
  let sealedTo = 0;
  const sequencer = startSequencer({
    pool: o.sealPool,
    listen: false,
    onSeal: (r) => r.block && (sealedTo = Number(r.block.treeSize)),
  });
  await sequencer.ready;
  const monitor =
    o.monitor === "inline"
      ? startMonitor({ pool: o.monitorPool, consumers: MONITOR_CONSUMERS })
      : o.monitor === "process"
        ? await startFollower(o.databaseUrl)
        : null;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < o.events.length) {
        const batch = o.events.slice(next, next + BATCH);
        next += batch.length;
        await withTransaction(o.pool, (c) => importAccessEvents(c, batch));
      }
    }),
  );
  while (sealedTo < goal) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - t0) / 1000;
  await sequencer.stop();
  let catchUpMs = 0;
  if (monitor) {
    catchUpMs = await waitForMonitor(o.pool);
    await monitor.stop();
  }
  return { monitor: o.monitor, rate: o.events.length / seconds, catchUpMs };
}

export async function measureAppend(o: {
  prisma: PrismaClient;
  pool: LedgerPool;
  sealPool: LedgerPool;
  monitorPool: LedgerPool;
  databaseUrl: string;
  leaves: number;
  pairs: number;
  settle: () => Promise<void>;
}): Promise<TAppendRun[]> {
  const world = await loadWorld(o.prisma);
  const runs: TAppendRun[] = [];
  for (let pair = 0; pair < o.pairs; pair++) {
    for (const monitor of ["off", "inline", "process"] as const) {
      const events = [...scaleEvents({ world, count: o.leaves, days: 1, now: new Date(), seed: 9_000 + runs.length })];
      await o.settle();
      console.log(
        `ledger append: ${o.leaves.toLocaleString("en-US")} events, ${WRITERS} writers × ${BATCH}, monitor ${PLACES[monitor]} …`,
      );
      const run = await appendOnce({ ...o, events, monitor });
      console.log(
        `  ${Math.round(run.rate).toLocaleString("en-US")} events/s${monitor !== "off" ? `; monitor caught up ${(run.catchUpMs / 1000).toFixed(1)} s after the last seal` : ""}`,
      );
      runs.push(run);
    }
  }
  return runs;
}
