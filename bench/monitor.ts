// Monitoring benchmark (issue 15 item 8): on one throwaway embedded PostgreSQL, in one run,
//   1. the scale seeder writes N events (default 10,000,000): its rate;
//   2. the rules consumer evaluates all of them as a backfill, against a plain streamed SELECT of
//      the same columns (target ≥ 0.25×);
//   3. a production build serves that database; a compliance officer signs in and autocannon
//      loads the dashboard overview and the explorer's first page and page 1,000, with and
//      without a filter, at 10 and 50 connections (target p97.5 < 300 ms, no answer but 2xx);
//   4. planted findings written through the app's write path while its sequencer and monitor
//      run: insert-to-alert lag (target p95 < 60 s);
//   5. ledger append with the monitor running against without it (target ≤ 10% slower), the
//      monitor in the writers' process and in a process of its own at nice 10;
// `npm run bench -- monitor [--events N] [--days D] [--staff S] [--patients P] [--seconds S]
//  [--connections 10,50] [--lag-samples K] [--append-leaves L] [--append-pairs P]
//  [--only rules|append]`; --staff and --patients add that many people to the demo's before the
// events (grow-world.ts), so they spread over a hospital's worth of staff; HL_SKIP_BUILD=1
// reuses .next. `--only rules` stops after phase 2 (no build, no server): the rules' figure in
// minutes; `--only append` runs phases 1 and 5 only.
import fs from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../lib/db/prisma";
import { createLedgerPool, getLedgerPool } from "../lib/ledger/ledger-pool";
import { runtimeEnv } from "../lib/config/runtime-env";
import { sealPendingAndRecord } from "../lib/ledger/rollback/record-checkpoint";
import { openBenchDatabase } from "./bench-database";
import { buildApp, startAppServer } from "./http/app-server";
import { signInCookie } from "./http/sign-in";
import { measureAppend } from "./monitor/append-phase";
import { measurePages, pageTargets } from "./monitor/http-phase";
import { measureLag, waitForMonitor } from "./monitor/lag-phase";
import { appendRows, monitorTable, rulesRows } from "./monitor/monitor-table";
import { measureRules } from "./monitor/rules-phase";
import { seedBenchDatabase } from "./monitor/seed-phase";
import { machineLine, printTable } from "./report";

export type TMonitorOptions = {
  events: number;
  days: number;
  /** Staff and patients added to the demo's before the scale events (0: the demo's 24 and 200). */
  staff: number;
  patients: number;
  seconds: number;
  connections: number[];
  lagSamples: number;
  lagIntervalMs: number;
  appendLeaves: number;
  appendPairs: number;
  /** Only the seed and the rule evaluation phase (phases 1 and 2), or the seed and the append (1 and 5). */
  only: "rules" | "append" | null;
};

function parseArgs(args: string[]): TMonitorOptions {
  const get = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const int = (name: string, fallback: number) => {
    const v = Number(get(name, String(fallback)));
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
    return v;
  };
  const count = (name: string) => {
    const v = Number(get(name, "0"));
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number ≥ 0`);
    return v;
  };
  return {
    events: int("events", 10_000_000),
    days: int("days", 30),
    staff: count("staff"),
    patients: count("patients"),
    seconds: int("seconds", 10),
    connections: get("connections", "10,50").split(",").map(Number),
    lagSamples: int("lag-samples", 40),
    lagIntervalMs: int("lag-interval-ms", 500),
    appendLeaves: int("append-leaves", 100_000),
    appendPairs: int("append-pairs", 2),
    only: parseOnly(get("only", "")),
  };
}

function parseOnly(value: string): TMonitorOptions["only"] {
  if (value === "") return null;
  if (value === "rules" || value === "append") return value;
  throw new Error(
    `--only takes "rules" (seed and rule evaluation) or "append" (seed and ledger append), not "${value}"`,
  );
}

export async function run(args: string[]) {
  const opts = parseArgs(args);
  // The app server started below must trust this fresh ledger from its first seal: its issued
  // checkpoints live in a file of this run's own, written by every seal the benchmark records.
  const checkpointStateFile = path.resolve(".data/bench-issued-checkpoints.json");
  fs.rmSync(checkpointStateFile, { force: true });
  process.env.HL_CHECKPOINT_STATE_FILE = checkpointStateFile;
  const db = await openBenchDatabase();
  const prisma = createPrismaClient(db.url, 4);
  const pool = createLedgerPool(db.url, 10);
  const sealPool = createLedgerPool(db.url, 2);
  const monitorPool = createLedgerPool(db.url, 3);
  const dba = createLedgerPool(db.superuserUrl, 2);
  // A connection still open when the run stops the server is of no consequence; unhandled, its
  // error would end the process before the data directory is removed.
  for (const p of [pool, sealPool, monitorPool, dba]) p.on("error", () => {});
  const settle = async () => {
    await dba.query("VACUUM (ANALYZE)");
    await dba.query("CHECKPOINT").catch(() => {});
  };
  try {
    const { rows } = await dba.query<{ server_version: string }>("SHOW server_version");
    const postgres = `PostgreSQL ${rows[0].server_version}`;
    console.log(`${postgres}, ${opts.events.toLocaleString("en-US")} events`);

    const seed = await seedBenchDatabase(prisma, pool, opts);
    await settle();
    const measureAppendRounds = () =>
      measureAppend({
        prisma,
        pool,
        sealPool,
        monitorPool,
        databaseUrl: db.url,
        leaves: opts.appendLeaves,
        pairs: opts.appendPairs,
        settle,
      });
    if (opts.only === "append") {
      const append = await measureAppendRounds();
      printTable(
        `Ledger append with the monitor at ${seed.events.toLocaleString("en-US")} scale-seeded events — ${new Date().toISOString().slice(0, 10)}, ${machineLine(postgres)}`,
        appendRows({ opts, append }),
      );
      return;
    }
    const rules = await measureRules(pool, settle);
    if (opts.only === "rules") {
      printTable(
        `Rule evaluation at ${seed.events.toLocaleString("en-US")} scale-seeded events — ${new Date().toISOString().slice(0, 10)}, ${machineLine(postgres)}`,
        rulesRows({ seed, rules }),
      );
      return;
    }
    await sealPendingAndRecord(pool);
    await settle();

    const targets = await pageTargets(prisma);
    buildApp();
    const app = await startAppServer({
      databaseUrl: db.url,
      port: runtimeEnv().HL_E2E_PORT,
      checkpointStateFile,
      logFile: path.resolve(".data/bench-app.log"),
    });
    let pages, lag;
    try {
      const cookie = await signInCookie(app.baseUrl, "compliance@healthledger.test");
      pages = await measurePages({
        baseUrl: app.baseUrl,
        cookie,
        targets,
        connections: opts.connections,
        seconds: opts.seconds,
      });
      console.log("waiting for the app's monitor to read what the load wrote …");
      const backlogMs = await waitForMonitor(pool);
      console.log(`  caught up in ${(backlogMs / 1000).toFixed(1)} s`);
      console.log(`insert-to-alert lag: ${opts.lagSamples} planted findings, one every ${opts.lagIntervalMs} ms …`);
      lag = await measureLag(prisma, pool, { samples: opts.lagSamples, intervalMs: opts.lagIntervalMs });
      console.log(
        `  p50 ${Math.round(lag.p50)} ms, p95 ${Math.round(lag.p95)} ms, ${lag.found} of ${lag.samples} found`,
      );
    } finally {
      await app.stop();
    }

    const append = await measureAppendRounds();
    const machine = machineLine(postgres);
    printTable(
      `Monitoring at ${seed.events.toLocaleString("en-US")} scale-seeded events — ${new Date().toISOString().slice(0, 10)}, ${machine}`,
      monitorTable({ opts, seed, rules, pages, lag, append }),
    );
  } finally {
    await prisma.$disconnect();
    // The demo's history writer takes the process-wide ledger pool: it is closed with the others.
    await Promise.all([pool.end(), sealPool.end(), monitorPool.end(), dba.end(), getLedgerPool().end()]);
    await db.stop();
    fs.rmSync(checkpointStateFile, { force: true });
  }
}
