// `npm run bench -- load`: the production build under autocannon, signed in, on what its users do
// most (sign-in, dashboard, explorer, chart read, FHIR AuditEvent search, inclusion proof,
// checkpoint) at 10 and 50 connections, each beside a static file from the same server (the
// floor: what the HTTP stack alone costs here), then a soak of mixed load with the sequencer and
// monitor running, sampling the server's memory and event-loop delay. Zero errors and zero 5xx
// is the bar; latencies are reported, as the machine allows them. Each connection arrives with a
// client address of its own, through the server's trusted proxy (bench/http/client-addresses.ts),
// so the per-address sign-in limit counts connections, not the one loopback address they share;
// every answer is counted by kind (bench/http/answers.ts): a 429, a busy refusal and a 5xx differ.
import fs from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../lib/db/prisma";
import { createLedgerPool, getLedgerPool } from "../lib/ledger/ledger-pool";
import { runtimeEnv } from "../lib/config/runtime-env";
import { sealPendingAndRecord } from "../lib/ledger/rollback/record-checkpoint";
import { openBenchDatabase } from "./bench-database";
import { ANSWER_KINDS } from "./http/answers";
import { buildApp, startAppServer } from "./http/app-server";
import { LOAD_TRUSTED_PROXIES } from "./http/client-addresses";
import { loadTest, warmUp, type TLoadResult } from "./http/load";
import { loadTargets, type TLoadTarget } from "./load/load-targets";
import { soak, type TSoakResult } from "./load/soak";
import { seedBenchDatabase } from "./monitor/seed-phase";
import { machineLine } from "./report";

type TOptions = { events: number; seconds: number; connections: number[]; soakMinutes: number };

const USAGE = `usage: npm run bench -- load [--events N] [--seconds S] [--connections 10,50] [--soak-minutes M]
  --events N         access events seeded before the run (default 1000000)
  --seconds S        seconds per request kind and connection count (default 60)
  --connections L    connection counts, comma-separated (default 10,50)
  --soak-minutes M   minutes of mixed load after the runs, 0 for none, else at least 2 (default 10)
Environment: HL_BENCH_PG_PORT (the benchmark's PostgreSQL), HL_E2E_PORT (the app), HL_SKIP_BUILD=1
(serve the existing .next build). Each connection sends its own X-Forwarded-For (198.18.0.0/15) to a
server that trusts 127.0.0.1 as its proxy. Answers are counted by kind: 2xx; 401 credentials; 429 per
address / per account (the sign-in limits); 503 busy (the password-check bound: nothing checked,
retry); 3xx; other 4xx; 503 db busy (no database connection free in time); other 5xx; timeouts (no answer in 30 s); socket errors. Latencies are of 2xx.
Exit status 1 when anything but 2xx and the three refusals was seen.`;

function parseArgs(args: string[]): TOptions {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    process.exit(0);
  }
  const get = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const int = (name: string, fallback: number, min = 1) => {
    const v = Number(get(name, String(fallback)));
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return v;
  };
  const connections = get("connections", "10,50").split(",").map(Number);
  if (connections.some((c) => !Number.isInteger(c) || c < 1)) throw new Error("--connections takes e.g. 10,50");
  const soakMinutes = int("soak-minutes", 10, 0);
  if (soakMinutes === 1)
    throw new Error("--soak-minutes must be 0 (no soak) or at least 2: it compares the first and last minute");
  return { events: int("events", 1_000_000), seconds: int("seconds", 60), connections, soakMinutes };
}

type TFigure = TLoadResult & { target: TLoadTarget; floor: TLoadResult };

async function measure(baseUrl: string, floor: TLoadTarget, targets: TLoadTarget[], o: TOptions) {
  for (const t of [floor, ...targets.filter((t) => !t.method)]) await warmUp(baseUrl + t.path, t.cookie);
  const out: TFigure[] = [];
  for (const connections of o.connections) {
    // The floor again for every connection count, so each ratio compares like with like.
    const base = await loadTest({ url: baseUrl + floor.path, connections, seconds: Math.min(o.seconds, 20) });
    console.log(`floor at ${connections} connections: p50 ${base.p50} ms, ${Math.round(base.perSecond)} req/s`);
    for (const target of targets) {
      console.log(`autocannon: ${target.name}, ${connections} connections, ${o.seconds} s …`);
      const r = await loadTest({
        url: baseUrl + target.path,
        cookie: target.cookie,
        connections,
        seconds: o.seconds,
        method: target.method,
        headers: target.headers,
        body: target.body,
        bodies: target.bodies,
        clientAddresses: true,
      });
      console.log(
        `  2xx: p50 ${r.p50} ms, p97.5 ${r.p97_5} ms, p99 ${r.p99} ms, ${r.perSecond.toFixed(1)} req/s; other answers: ${r.detail}`,
      );
      out.push({ ...r, target, floor: base });
    }
  }
  return out;
}

const ms = (f: TFigure, v: number) => (f.requests ? v.toLocaleString("en-US") : "—");

function printFigures(title: string, figures: TFigure[]) {
  console.log(`\n## ${title}\n`);
  console.log("Latencies and req/s are of 2xx answers; every other answer is counted by kind (`--help`).\n");
  const kinds = ANSWER_KINDS.filter((k) => k !== "2xx" && figures.some((f) => f.answers[k] > 0));
  console.log(
    `| request | conn. | p50 ms | p97.5 ms | p99 ms | 2xx/s | vs floor | 2xx | ${kinds.join(" | ")}${kinds.length ? " | " : ""}note |`,
  );
  console.log(`|---|---|---|---|---|---|---|---|${kinds.map(() => "---|").join("")}---|`);
  for (const f of figures)
    console.log(
      `| ${f.target.name} | ${f.connections} | ${ms(f, f.p50)} | ${ms(f, f.p97_5)} | ${ms(f, f.p99)} | ${f.perSecond.toFixed(1)} | ${(f.perSecond / f.floor.perSecond).toFixed(3)}× | ${f.answers["2xx"].toLocaleString("en-US")} | ${kinds.map((k) => `${f.answers[k].toLocaleString("en-US")} | `).join("")}${f.target.note ?? ""} |`,
    );
}

function printSoak(s: TSoakResult, connections: number) {
  console.log(
    `\n## Soak: ${s.minutes} min of mixed load at ${connections} connections, sequencer and monitor running\n`,
  );
  console.log("| measurement | first minute | last minute | max | note |");
  console.log("|---|---|---|---|---|");
  console.log(
    `| resident memory (MiB) | ${s.rss.first} | ${s.rss.last} | ${s.rss.max} | slope ${s.rss.slopePerMin.toFixed(1)} MiB/min after the first minute |`,
  );
  console.log(
    `| event-loop delay p99 (ms) | ${s.loopP99.first} | ${s.loopP99.last} | ${s.loopP99.max} (max) | sampled every 5 s |`,
  );
  console.log(
    `| requests | ${s.requests.toLocaleString("en-US")} | | | not served ${s.failed}${s.failed ? ` (${s.detail})` : ""}; ${s.samples} samples |`,
  );
}

export async function run(args: string[]) {
  const opts = parseArgs(args);
  const checkpointStateFile = path.resolve(".data/bench-issued-checkpoints.json");
  fs.rmSync(checkpointStateFile, { force: true });
  process.env.HL_CHECKPOINT_STATE_FILE = checkpointStateFile;
  const samplesFile = path.resolve(".data/bench-runtime-samples.jsonl");
  fs.rmSync(samplesFile, { force: true });
  process.env.HL_RUNTIME_SAMPLES_FILE = samplesFile;
  const db = await openBenchDatabase();
  const prisma = createPrismaClient(db.url, 4);
  const pool = createLedgerPool(db.url, 4);
  pool.on("error", () => {});
  let failed = 0;
  try {
    const [{ server_version }] = await prisma.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version");
    const postgres = `PostgreSQL ${server_version}`;
    await seedBenchDatabase(prisma, pool, { events: opts.events, days: 30 });
    await sealPendingAndRecord(pool);
    buildApp();
    const app = await startAppServer({
      databaseUrl: db.url,
      port: runtimeEnv().HL_E2E_PORT,
      checkpointStateFile,
      logFile: path.resolve(".data/bench-app.log"),
      env: { HL_TRUSTED_PROXIES: LOAD_TRUSTED_PROXIES },
    });
    try {
      const { floor, targets } = await loadTargets(prisma, app.baseUrl, Math.max(...opts.connections));
      const figures = await measure(app.baseUrl, floor, targets, opts);
      failed += figures.reduce((a, f) => a + f.failed, 0);
      const title = `Load at ${opts.events.toLocaleString("en-US")} seeded events, ${opts.seconds} s per run — ${new Date().toISOString().slice(0, 10)}, ${machineLine(postgres)}`;
      printFigures(title, figures);
      if (opts.soakMinutes) {
        const reads = targets.filter((t) => !t.method);
        console.log(`\nsoak: ${opts.soakMinutes} min …`);
        const s = await soak({
          baseUrl: app.baseUrl,
          targets: reads,
          connections: 10,
          minutes: opts.soakMinutes,
          samplesFile,
        });
        failed += s.failed;
        printSoak(s, 10);
      }
    } finally {
      await app.stop();
    }
  } finally {
    await prisma.$disconnect();
    await Promise.all([pool.end(), getLedgerPool().end()]);
    await db.stop();
  }
  if (failed) {
    console.error(
      `\n${failed} answers were failures: 5xx, timeouts, socket errors or unexpected 3xx/4xx (see .data/bench-app.log)`,
    );
    process.exit(1);
  }
}
