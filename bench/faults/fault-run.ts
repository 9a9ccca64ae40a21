// What every fault scenario starts from and ends with: its own database, one or more production
// app servers on it (sequencer and monitor inside, as deployed), clinicians signed in for the
// write load, and at the end the checks of check-acknowledged.ts. Everything it starts is stopped
// and every temporary directory removed when the scenario ends, passed or failed.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "../../lib/db/prisma";
import { createLedgerPool } from "../../lib/ledger/ledger-pool";
import { startAppServer, type TAppServer } from "../http/app-server";
import { signInCookie } from "../http/sign-in";
import { signInAccounts } from "../load/load-targets";
import {
  checkAcknowledged,
  checkLedger,
  problemsOf,
  waitForDrain,
  type TAckCheck,
  type TLedgerCheck,
} from "./check-acknowledged";
import { openFaultDatabase, type TFaultDatabase } from "./fault-database";
import type { TScenarioOptions } from "./scenario-options";
import { startWriteLoad, type TAck, type TWriteLoad } from "./write-load";

export type TFaultRunOptions = {
  label: string;
  pgPort: number;
  /** One port per app instance the scenario may run. */
  appPorts: readonly number[];
  clients: number;
};

export type TFaultRun = {
  db: TFaultDatabase;
  /** The superuser's pool on the run's database, for checks (never the app's role). */
  checkPool: pg.Pool;
  /** Start (or restart) app instance `i` on its port; resolves once it serves /login. */
  startApp: (i: number) => Promise<TAppServer>;
  app: (i: number) => TAppServer;
  baseUrl: (i: number) => string;
  /** Sign in `clients` clinicians (one account each) on instance `i`; their cookies, in order. */
  signIn: (i: number) => Promise<string[]>;
  /** Wait for the queue to drain, then check every acknowledged write and the whole ledger. */
  finalCheck: (
    acks: readonly TAck[],
  ) => Promise<{ acks: TAckCheck; ledger: TLedgerCheck; drainMs: number | null; problems: string[] }>;
  dispose: () => Promise<void>;
};

/** Runs not yet disposed, for an interrupted run (Ctrl-C) to stop what they started. */
const active = new Set<TFaultRun>();

/** Stop every server and remove every directory of the runs still open. */
export async function disposeActiveRuns(): Promise<void> {
  await Promise.all([...active].map((r) => r.dispose()));
}

/** How long the sequencer gets to seal what was queued once the fault is over. */
const DRAIN_TIMEOUT_MS = 60_000;

export async function openFaultRun(o: TFaultRunOptions): Promise<TFaultRun> {
  const db = await openFaultDatabase({ port: o.pgPort, label: o.label });
  const stateDir = path.join(path.dirname(db.dataDir), "state");
  fs.mkdirSync(stateDir);
  const checkPool = new pg.Pool({ connectionString: db.superuserUrl, max: 2 });
  checkPool.on("error", () => {}); // the server restarts under it in scenario b
  const apps = new Map<number, TAppServer>();
  fs.mkdirSync(".data", { recursive: true });
  const baseUrl = (i: number) => `http://127.0.0.1:${o.appPorts[i]}`;

  const run: TFaultRun = {
    db,
    checkPool,
    baseUrl,
    async startApp(i) {
      const app = await startAppServer({
        databaseUrl: db.appUrl,
        port: o.appPorts[i],
        // Shared by the instances, as on one host: the rollback guard's record of issued checkpoints.
        checkpointStateFile: path.join(stateDir, "issued-checkpoints.json"),
        logFile: path.resolve(`.data/faults-${o.label}-app${i}.log`),
      });
      apps.set(i, app);
      return app;
    },
    app(i) {
      const app = apps.get(i);
      if (!app) throw new Error(`app instance ${i} was not started`);
      return app;
    },
    async signIn(i) {
      const prisma = createPrismaClient(db.appUrl, 2);
      try {
        const emails = await signInAccounts(prisma, o.clients);
        const cookies: string[] = [];
        for (const email of emails) cookies.push(await signInCookie(baseUrl(i), email));
        return cookies;
      } finally {
        await prisma.$disconnect();
      }
    },
    async finalCheck(acks) {
      const drainMs = await waitForDrain(checkPool, DRAIN_TIMEOUT_MS);
      const ledgerPool = createLedgerPool(db.appUrl, 3);
      try {
        const a = await checkAcknowledged(checkPool, acks);
        const l = await checkLedger(checkPool, ledgerPool);
        const problems = problemsOf(a, l);
        if (drainMs === null) problems.unshift(`the queue did not drain within ${DRAIN_TIMEOUT_MS / 1000} s`);
        return { acks: a, ledger: l, drainMs, problems };
      } finally {
        await ledgerPool.end();
      }
    },
    async dispose() {
      if (!active.delete(run)) return;
      // The app servers are process groups of their own: a SIGKILL reaches the server tsx runs.
      await Promise.all([...apps.values()].map((a) => a.kill().catch(() => {})));
      await checkPool.end().catch(() => {});
      await db.dispose();
    },
  };
  active.add(run);
  return run;
}

/**
 * Scenarios a and b: a run with one app instance, its clinicians signed in and their write load
 * going. The caller disposes the run; if starting fails, it is disposed here.
 */
export async function startSingleAppLoad(
  label: string,
  o: TScenarioOptions,
): Promise<{ run: TFaultRun; load: TWriteLoad; cookies: string[] }> {
  const run = await openFaultRun({ label, pgPort: o.pgPort, appPorts: o.appPorts.slice(0, 1), clients: o.clients });
  try {
    await run.startApp(0);
    const cookies = await run.signIn(0);
    const load = startWriteLoad({
      baseUrls: [run.baseUrl(0)],
      cookies,
      requestTimeoutMs: o.requestTimeoutMs,
      runId: `${label}${Date.now()}`,
    });
    return { run, load, cookies };
  } catch (err) {
    await run.dispose();
    throw err;
  }
}

export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** "p50 12 ms, p99 340 ms, max 410 ms (n 812)" */
export function describeLatencies(ms: readonly number[]): string {
  if (!ms.length) return "none";
  const r = (p: number) => Math.round(percentile(ms, p));
  return `p50 ${r(50)} ms, p99 ${r(99)} ms, max ${r(100)} ms (n ${ms.length})`;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The result of one scenario, as the runner prints it. */
export type TScenarioResult = {
  scenario: string;
  passed: boolean;
  /** Figures worth a line in the table, as "name: value" strings. */
  figures: string[];
  problems: string[];
};

/** The figures every scenario reports from its final check. */
export function checkFigures(c: Awaited<ReturnType<TFaultRun["finalCheck"]>>): string[] {
  const l = c.ledger;
  return [
    `acknowledged writes: ${c.acks.acknowledged}, all present and sealed: ${c.acks.missingPatients.length + c.acks.missingVersions.length + c.acks.missingAccessEvents.length + c.acks.unanchored === 0 ? "yes" : "no"}`,
    `ledger: ${l.entries} leaves (indices ${l.firstIndex ?? "-"}…${l.lastIndex ?? "-"}, ${l.distinctIndices} distinct, ${l.distinctRows} distinct rows, ${l.distinctLeafHashes} distinct leaf hashes), ${l.blocks} blocks, tree size ${l.treeSize}`,
    `queue left: ${l.queued}, refused: ${l.refused}, drained in ${c.drainMs === null ? "—" : `${Math.round(c.drainMs)} ms`}`,
    `full verification: ${l.verified ? "intact" : `${l.findingCount} findings`} (${l.verifyMs} ms)`,
  ];
}
