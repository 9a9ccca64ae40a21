// Scenario d: the database's disk fills up under the write load, then space is freed. The run's
// database is moved to a tablespace on a small tmpfs (mount -t tmpfs; this needs root, as these
// machines run), so every table and index lives there while the WAL stays on the main disk (a
// full WAL disk makes PostgreSQL stop rather than refuse a statement: that is a different fault).
// Mid-load a filler file takes every byte left on the tmpfs. Writes must then fail with 503
// storage_full, reads must keep working (health, checkpoint, blocks), and once the filler is
// deleted writes must be acknowledged again and the sequencer seal everything, with nobody
// repairing anything. Nothing acknowledged may be lost.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password";
import { createPrismaClient } from "../../lib/db/prisma";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-accounts";
import { signInCookie } from "../http/sign-in";
import {
  checkFigures,
  describeLatencies,
  openFaultRun,
  sleep,
  type TFaultRun,
  type TScenarioResult,
} from "./fault-run";
import type { TScenarioOptions } from "./scenario-options";
import { describeOutcomes, firstAckAgain, startWriteLoad } from "./write-load";

const TMPFS_SIZE = "96m";
const AUDITOR = "faults-auditor@bench.healthledger.test";

/** Mount a tmpfs, make it a tablespace and move the run's database onto it (nobody is connected yet). */
async function moveDatabaseToTmpfs(run: TFaultRun): Promise<string> {
  const mount = path.join(path.dirname(run.db.dataDir), "small-disk");
  fs.mkdirSync(mount);
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${TMPFS_SIZE},mode=0755`, "tmpfs", mount]);
  run.db.onDispose(() => execFileSync("umount", [mount]));
  const location = path.join(mount, "tablespace");
  fs.mkdirSync(location);
  execFileSync("chown", ["postgres:postgres", location]);
  const url = new URL(run.db.superuserUrl);
  const database = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE TABLESPACE small_disk LOCATION ${pg.escapeLiteral(location)}`);
    await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(database)} SET TABLESPACE small_disk`);
  } finally {
    await admin.end();
  }
  return mount;
}

/** Write a file until the tmpfs has no byte left; its size in MiB. */
function fillDisk(file: string): number {
  const fd = fs.openSync(file, "w");
  const chunk = Buffer.alloc(1 << 20, 0xa5);
  let written = 0;
  try {
    for (;;) {
      try {
        written += fs.writeSync(fd, chunk);
      } catch (err) {
        if ((err as { code?: string }).code === "ENOSPC") break;
        throw err;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return Math.round(written / (1 << 20));
}

/** An auditor (ledger.read, no second factor) for the reads checked while the disk is full. */
async function auditorCookie(run: TFaultRun): Promise<string> {
  const prisma = createPrismaClient(run.db.appUrl, 1);
  try {
    await prisma.user.create({
      data: {
        email: AUDITOR,
        displayName: "Faults Auditor",
        role: "AUDITOR",
        passwordHash: await hashPassword(DEMO_PASSWORD),
      },
    });
  } finally {
    await prisma.$disconnect();
  }
  return signInCookie(run.baseUrl(0), AUDITOR);
}

/** The reads that must keep working: status of each, "checkpoint 200, …". */
async function reads(baseUrl: string, cookie: string): Promise<{ ok: boolean; summary: string }> {
  const paths = ["/api/health", "/api/ledger/checkpoint", "/api/ledger/blocks"];
  const statuses = await Promise.all(
    paths.map((p) =>
      fetch(baseUrl + p, { headers: { cookie }, signal: AbortSignal.timeout(10_000) }).then(
        async (r) => (await r.text(), r.status),
        () => 0,
      ),
    ),
  );
  return {
    ok: statuses.every((s) => s === 200),
    summary: paths.map((p, i) => `${p} ${statuses[i] || "no answer"}`).join(", "),
  };
}

export async function runDiskFull(o: TScenarioOptions): Promise<TScenarioResult> {
  const run = await openFaultRun({
    label: "d",
    pgPort: o.pgPort,
    appPorts: o.appPorts.slice(0, 1),
    clients: o.clients,
  });
  try {
    const mount = await moveDatabaseToTmpfs(run);
    await run.startApp(0);
    const cookies = await run.signIn(0);
    const auditor = await auditorCookie(run);
    const load = startWriteLoad({
      baseUrls: [run.baseUrl(0)],
      cookies,
      requestTimeoutMs: o.requestTimeoutMs,
      runId: `d${Date.now()}`,
    });
    await sleep(o.loadSeconds * 1000);
    const problems: string[] = [];
    const beforeFull = load.acks.length;
    load.takeRecent();
    const filler = path.join(mount, "filler");
    const fillerMiB = fillDisk(filler);
    const fullAt = Date.now();
    // Pages with free room still take a few rows: wait for the first refusal, then watch a while.
    const until = Date.now() + 30_000;
    let refusedAt: number | null = null;
    while (refusedAt === null && Date.now() < until) {
      if (load.takeRecent().has("refused 503 storage_full")) refusedAt = Date.now();
      else await sleep(100);
    }
    if (refusedAt === null) problems.push("no write was refused with 503 storage_full within 30 s of the disk filling");
    load.takeRecent();
    await sleep(5000);
    const whileFull = load.takeRecent();
    const readsWhileFull = await reads(run.baseUrl(0), auditor);
    if (!readsWhileFull.ok) problems.push(`reads while the disk is full: ${readsWhileFull.summary}`);
    const fullFor = Date.now() - fullAt;

    fs.rmSync(filler);
    const freedAt = Date.now();
    const deadline = Date.now() + 60_000;
    while (!load.acks.some((a) => a.ackAt > freedAt) && Date.now() < deadline) await sleep(100);
    const again = firstAckAgain(load.acks, freedAt);
    if (again === "never") problems.push("no write was acknowledged within 60 s of freeing the space");
    await sleep(o.loadSeconds * 1000);
    const report = await load.stop();
    const check = await run.finalCheck(report.acks);
    problems.push(...check.problems);
    const unclean = [...report.outcomes.keys()].filter((k) => k !== "acknowledged" && !k.startsWith("refused 503 "));
    if (unclean.length) problems.push(`answers other than 201 or a JSON 503: ${unclean.join(", ")}`);
    const firstSeal = await run.checkPool.query<{ ms: string | null }>(
      `SELECT extract(epoch FROM min("sealedAt")) * 1000 AS ms FROM "LedgerBlock"
        WHERE "sealedAt" > (to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC')`,
      [freedAt],
    );
    const sealAgain =
      firstSeal.rows[0].ms === null ? "never" : `${((Number(firstSeal.rows[0].ms) - freedAt) / 1000).toFixed(1)} s`;
    const lat = check.acks.sealLatencies;
    return {
      scenario: "d. the database's disk fills up, then space is freed",
      passed: problems.length === 0,
      figures: [
        `tablespace on a ${TMPFS_SIZE} tmpfs; a filler of ${fillerMiB} MiB took the rest; writers: ${o.clients}; acknowledged before: ${beforeFull}`,
        `first 503 storage_full ${refusedAt === null ? "never" : `${((refusedAt - fullAt) / 1000).toFixed(1)} s`} after the disk filled; the next 5 s: ${describeOutcomes(whileFull) || "no answers"}`,
        `reads while full: ${readsWhileFull.summary}`,
        `full for ${(fullFor / 1000).toFixed(1)} s; after the filler was deleted: first write acknowledged ${again}, first block sealed ${sealAgain} later`,
        `outcomes over the whole run: ${describeOutcomes(report.outcomes)}; slowest refused request ${Math.round(report.maxFailedLatencyMs)} ms`,
        `seal latency (written → sealed) of writes acknowledged before the disk filled: ${describeLatencies(lat.filter((l) => l.ackAt < fullAt).map((l) => l.ms))}; after it was freed: ${describeLatencies(lat.filter((l) => l.ackAt > freedAt).map((l) => l.ms))}`,
        ...checkFigures(check),
      ],
      problems,
    };
  } finally {
    await run.dispose();
  }
}
