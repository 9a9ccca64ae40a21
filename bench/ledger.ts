// Ledger benchmark: append throughput against a plain multi-row INSERT and a naive
// per-row hash chain at the same concurrency, seal latency, full verification against plain
// SHA-256 of the same bytes, and inclusion-proof latency at 1,000,000 leaves.
// `npm run bench -- ledger [--leaves N] [--baseline-rows N] [--naive-seconds S] [--proofs N]
// [--profile] [--only append] [--sequencer inline|process]`: --profile adds the sealer's phases
// and pg_stat_statements of the append phase (bench/ledger-profile.ts); --only append stops after
// the append phase; --sequencer process seals from a process of its own (bench/sequencer-process.ts)
// instead of the writers' (the default, as an app instance seals beside its requests).
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import type pg from "pg";
import { withTransaction } from "../lib/db/with-transaction";
import { createLedgerPool, type LedgerPool } from "../lib/ledger/ledger-pool";
import { leafBytesFor, LEAF_KINDS } from "../lib/ledger/kinds";
import { startSequencer } from "../lib/ledger/seal/sequencer";
import { insertAccessEvents } from "../lib/ledger/testing/ledger-fixtures";
import { openBenchDatabase } from "./bench-database";
import { startHelperProcess } from "./child-process";
import {
  describeSealPhases,
  describeStatements,
  PROFILE_SETTINGS,
  resetStatements,
  sealSample,
  type TSealSample,
} from "./ledger-profile";
import { percentile, printTable, type TRow } from "./report";

const WRITERS = 8;
const BATCH = 500;
const READ_RUNS = 3;

type TOptions = {
  leaves: number;
  baselineRows: number;
  naiveSeconds: number;
  proofs: number;
  /** `--profile`: the sealer's phases and pg_stat_statements of the append phase. */
  profile: boolean;
  /** `--only append`: the plain INSERT baseline and the ledger append, nothing else. */
  appendOnly: boolean;
  /** `--sequencer process`: seal from a process of its own rather than the writers'. */
  sequencer: "inline" | "process";
};

function parseArgs(args: string[]): TOptions {
  const get = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  return {
    leaves: get("leaves", 1_000_000),
    baselineRows: get("baseline-rows", 200_000),
    naiveSeconds: get("naive-seconds", 8),
    proofs: get("proofs", 2_000),
    profile: args.includes("--profile"),
    appendOnly: onlyAppend(args),
    sequencer: sequencerPlace(args),
  };
}

function onlyAppend(args: string[]): boolean {
  const i = args.indexOf("--only");
  if (i < 0) return false;
  if (args[i + 1] !== "append") throw new Error("--only takes one value: append");
  return true;
}

function sequencerPlace(args: string[]): TOptions["sequencer"] {
  const i = args.indexOf("--sequencer");
  if (i < 0) return "inline";
  const v = args[i + 1];
  if (v !== "inline" && v !== "process") throw new Error("--sequencer takes inline or process");
  return v;
}

type TSeal = { at: number; treeSize: number };

/** bench/sequencer-process.ts on `url`, once it is ready; its seals on this process's clock. */
function sequencerProcess(url: string, seals: TSeal[]) {
  return startHelperProcess({
    args: [new URL("sequencer-process.ts", import.meta.url).pathname],
    databaseUrl: url,
    isReady: (line) => line === "ready",
    onLine: (line) => {
      if (!line.startsWith("{")) return;
      const s = JSON.parse(line) as TSeal;
      seals.push({ at: s.at - performance.timeOrigin, treeSize: s.treeSize });
    },
  });
}

/** `WRITERS` concurrent writers, each committing batches of BATCH rows until `total` rows. */
async function runWriters(
  pool: LedgerPool,
  total: number,
  write: (c: pg.PoolClient, n: number, seed: number) => Promise<unknown>,
) {
  let next = 0;
  const commits: { at: number; seed: number; n: number }[] = [];
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < total) {
        const seed = next;
        const n = Math.min(BATCH, total - seed);
        next += n;
        await withTransaction(pool, (c) => write(c, n, seed));
        commits.push({ at: performance.now(), seed, n });
      }
    }),
  );
  return commits;
}

async function plainInsert(pool: LedgerPool, rows: number) {
  const t0 = performance.now();
  await runWriters(pool, rows, (c, n, seed) => insertAccessEvents(c, n, seed, { anchor: false }));
  return rows / ((performance.now() - t0) / 1000);
}

/** What most tutorials do: lock the chain head, hash onto the previous hash, insert, per row. */
async function naiveChain(pool: LedgerPool, seconds: number) {
  await pool.query(
    `CREATE TABLE bench_chain (id bigserial PRIMARY KEY, payload jsonb NOT NULL, prev_hash bytea NOT NULL, hash bytea NOT NULL)`,
  );
  await pool.query(
    `CREATE TABLE bench_chain_head (one int PRIMARY KEY, hash bytea NOT NULL); INSERT INTO bench_chain_head VALUES (1, '\\x00')`,
  );
  const until = performance.now() + seconds * 1000;
  let rows = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (performance.now() < until) {
        await withTransaction(pool, async (c) => {
          const payload = JSON.stringify({
            id: crypto.randomUUID(),
            type: "rest",
            subtype: "read",
            outcome: "0",
            at: new Date().toISOString(),
          });
          const {
            rows: [head],
          } = await c.query(`SELECT hash FROM bench_chain_head WHERE one = 1 FOR UPDATE`);
          const hash = crypto.createHash("sha256").update(head.hash).update(payload).digest();
          await c.query(`INSERT INTO bench_chain (payload, prev_hash, hash) VALUES ($1, $2, $3)`, [
            payload,
            head.hash,
            hash,
          ]);
          await c.query(`UPDATE bench_chain_head SET hash = $1 WHERE one = 1`, [hash]);
        });
        rows++;
      }
    }),
  );
  return rows / ((performance.now() - t0) / 1000);
}

async function naiveChainSettled(dba: LedgerPool, seconds: number) {
  console.log(`naive hash chain: ${WRITERS} writers for ${seconds} s …`);
  const naive = await naiveChain(dba, seconds);
  await settle(dba);
  return naive;
}

function appendRows(ledger: Awaited<ReturnType<typeof ledgerAppend>>, plain: number, naive: number): TRow[] {
  return [
    {
      name: "ledger append (insert + enqueue + seal)",
      value: ledger.rate,
      unit: "rows/s",
      baseline: plain,
      note: `${Number.isNaN(naive) ? "" : `${(ledger.rate / naive).toFixed(1)}× the naive chain; `}${ledger.blocks} blocks`,
    },
    { name: "seal latency p50", value: ledger.p50, unit: "ms", note: "commit → sealed in a signed block" },
    { name: "seal latency p99", value: ledger.p99, unit: "ms", note: "target < 1000 ms" },
  ];
}

async function ledgerAppend(
  pool: LedgerPool,
  sealPool: LedgerPool,
  leaves: number,
  place: { sequencer: TOptions["sequencer"]; url: string },
) {
  const seals: TSeal[] = [];
  const samples: TSealSample[] = [];
  // An app instance's sequencer is up long before its first request; this one too.
  const sequencer =
    place.sequencer === "process"
      ? await sequencerProcess(place.url, seals)
      : await inlineSequencer(sealPool, seals, samples);
  const t0 = performance.now();
  const commits = await runWriters(pool, leaves, (c, n, seed) => insertAccessEvents(c, n, seed));
  while (!seals.length || seals[seals.length - 1].treeSize < leaves) await new Promise((r) => setTimeout(r, 5));
  const elapsed = (performance.now() - t0) / 1000;
  await sequencer.stop();
  return { rate: leaves / elapsed, blocks: seals.length, ...sealLatencies(commits, seals), samples };
}

/** The sequencer in this process, as an app instance runs it beside its requests. */
async function inlineSequencer(sealPool: LedgerPool, seals: TSeal[], samples: TSealSample[]) {
  const sequencer = startSequencer({
    pool: sealPool,
    listen: false,
    onSeal: (r) => {
      if (r.block) seals.push({ at: performance.now(), treeSize: r.block.treeSize });
      const sample = sealSample(r);
      if (sample) samples.push(sample);
    },
  });
  await sequencer.ready;
  return sequencer;
}

/**
 * Latency of a batch: from its commit to the first seal whose tree covers all rows committed by
 * then (the queue is sealed in order, so that seal includes the batch).
 */
function sealLatencies(commits: { at: number; n: number }[], seals: readonly TSeal[]) {
  let committed = 0;
  const latencies = commits
    .sort((a, b) => a.at - b.at)
    .map((c) => {
      committed += c.n;
      const seal = seals.find((s) => s.treeSize >= committed && s.at >= c.at) ?? seals[seals.length - 1];
      return seal.at - c.at;
    })
    .sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Leaf bytes of up to `rows` access events, to hash as the baseline of full verification. */
async function leafBytesOfAccessEvents(pool: LedgerPool, rows: number) {
  const { rows: events } = await pool.query(`SELECT * FROM "AccessEvent" ORDER BY id LIMIT $1`, [rows]);
  return events.map((e) => leafBytesFor(LEAF_KINDS.access_event, e));
}

function plainHashing(bytes: readonly Uint8Array[]) {
  const t0 = performance.now();
  for (const b of bytes)
    crypto
      .createHash("sha256")
      .update(Buffer.from([0]))
      .update(b)
      .digest();
  return bytes.length / ((performance.now() - t0) / 1000);
}

/** The middle of READ_RUNS (an odd number of) runs. */
const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** A full collection now, so garbage left by the earlier phases (a million rows) is not
 *  collected in the middle of the timed baseline hashing. */
function collectGarbage() {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}

/** Runs one of the bench's read-phase scripts in a process of its own (as the CLI or a server would
 *  run it, not this one with a million rows' history) and returns the JSON its last line prints. */
async function inOwnProcess<T>(script: string, url: string, args: string[] = []): Promise<T> {
  const path = new URL(script, import.meta.url).pathname;
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, path, ...args],
      { env: { ...process.env, DATABASE_URL: url }, maxBuffer: 1 << 20 },
      (err, out) => (err ? reject(err) : resolve(out)),
    );
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as T;
}

type TVerifyOutput = {
  ok: boolean;
  findingCount: number;
  findings: unknown[];
  entriesVerified: number;
  blocksVerified: number;
  rowsPerSecond: number;
};

/**
 * Before each timed phase after the first: vacuum and analyze what the previous phase wrote,
 * flush it with a checkpoint, and collect this process's garbage. Otherwise autovacuum's pass
 * over the previous phase's rows (a million new ones, or the naive chain's thousands of dead
 * head versions), the checkpoint they call for and the hint bits every first read sets would
 * land inside the next phase's timing, which a ledger in service has long done.
 */
async function settle(pool: LedgerPool) {
  console.log("settling: VACUUM (ANALYZE), CHECKPOINT …");
  await pool.query("VACUUM (ANALYZE)");
  await pool.query("CHECKPOINT").catch((err: Error) => console.log(`(no CHECKPOINT: ${err.message})`));
  collectGarbage();
}

export async function run(args: string[]) {
  const opts = parseArgs(args);
  const db = await openBenchDatabase({ settings: opts.profile ? PROFILE_SETTINGS : undefined });
  const pool = createLedgerPool(db.url, WRITERS + 2);
  const sealPool = createLedgerPool(db.url, 2);
  // The benchmark's own tables and housekeeping, which the app role may not do.
  const dba = createLedgerPool(db.superuserUrl, WRITERS + 2);
  try {
    console.log(
      `plain INSERT: ${opts.baselineRows.toLocaleString("en-US")} rows, ${WRITERS} writers × ${BATCH}-row transactions …`,
    );
    const plain = await plainInsert(pool, opts.baselineRows);
    // The access log is append-only (a trigger refuses TRUNCATE); the benchmark owns this
    // throwaway database, so it empties the table with triggers off, as its superuser.
    await withTransaction(dba, (c) => c.query(`SET LOCAL session_replication_role = replica; TRUNCATE "AccessEvent"`));
    await settle(dba);
    const naive = opts.appendOnly ? NaN : await naiveChainSettled(dba, opts.naiveSeconds);
    if (opts.profile) await resetStatements(dba);
    console.log(
      `ledger append: ${opts.leaves.toLocaleString("en-US")} leaves, same writers, sequencer running ${opts.sequencer === "process" ? "in a process of its own" : "in the writers' process"} …`,
    );
    const ledger = await ledgerAppend(pool, sealPool, opts.leaves, { sequencer: opts.sequencer, url: db.url });
    if (opts.profile) {
      console.log(`\n## Seal phases (sealer's own timings, ${ledger.samples.length} seals)\n`);
      for (const line of describeSealPhases(ledger.samples)) console.log(line);
      console.log(`\n## Statements of the append phase (pg_stat_statements, by total time)\n`);
      for (const line of await describeStatements(dba)) console.log(line);
    }
    if (opts.appendOnly) {
      printTable(`Ledger append, ${WRITERS} concurrent writers, ${BATCH}-row transactions`, [
        { name: "plain multi-row INSERT (baseline)", value: plain, unit: "rows/s", baseline: plain },
        ...appendRows(ledger, plain, naive),
      ]);
      return;
    }
    await settle(dba);
    // The read phases run READ_RUNS times each, verification and its baseline in turn: this
    // machine's speed drifts by a quarter within minutes. The table shows medians, except for
    // the hashing baseline, which is the fastest run: the ratio errs against verification.
    const bytes = await leafBytesOfAccessEvents(pool, Math.min(opts.leaves, 1_000_000));
    collectGarbage();
    const verifyRuns: TVerifyOutput[] = [];
    const hashingRuns: number[] = [];
    for (let run = 1; run <= READ_RUNS; run++) {
      console.log(
        `full verification of ${opts.leaves.toLocaleString("en-US")} leaves, then the plain hashing baseline (run ${run} of ${READ_RUNS}) …`,
      );
      const verify = await inOwnProcess<TVerifyOutput>("./verify-process.ts", db.url);
      if (!verify.ok)
        throw new Error(
          `verification found ${verify.findingCount} problems: ${JSON.stringify(verify.findings.slice(0, 3))}`,
        );
      verifyRuns.push(verify);
      hashingRuns.push(plainHashing(bytes));
    }
    const proofRuns: { p50: number; p99: number }[] = [];
    for (let run = 1; run <= READ_RUNS; run++) {
      console.log(
        `inclusion proofs: ${opts.proofs} random leaves at tree size ${opts.leaves.toLocaleString("en-US")} (run ${run} of ${READ_RUNS}) …`,
      );
      proofRuns.push(await inOwnProcess("./proofs-process.ts", db.url, [String(opts.leaves), String(opts.proofs)]));
    }
    const verify = verifyRuns[0];
    const verifyRate = median(verifyRuns.map((v) => v.rowsPerSecond));
    const hashing = Math.max(...hashingRuns);
    const runs = (values: number[], digits: number) =>
      `runs: ${values.map((v) => v.toLocaleString("en-US", { maximumFractionDigits: digits })).join(" / ")}`;

    const rows: TRow[] = [
      { name: "plain multi-row INSERT (baseline)", value: plain, unit: "rows/s", baseline: plain },
      { name: "naive per-row hash chain", value: naive, unit: "rows/s", baseline: plain },
      ...appendRows(ledger, plain, naive),
      {
        name: "plain SHA-256 of leaf bytes (baseline)",
        value: hashing,
        unit: "rows/s",
        baseline: hashing,
        note: `fastest; ${runs(hashingRuns, 0)}`,
      },
      {
        name: "full verification",
        value: verifyRate,
        unit: "rows/s",
        baseline: hashing,
        note: `median; ${runs(
          verifyRuns.map((v) => v.rowsPerSecond),
          0,
        )}; ${verify.entriesVerified.toLocaleString("en-US")} leaves, ${verify.blocksVerified} blocks; target ≥ 0.30×`,
      },
      {
        name: `inclusion proof p50 @ ${opts.leaves.toLocaleString("en-US")}`,
        value: median(proofRuns.map((p) => p.p50)),
        unit: "ms",
        note: `median; ${runs(
          proofRuns.map((p) => p.p50),
          2,
        )}`,
      },
      {
        name: `inclusion proof p99 @ ${opts.leaves.toLocaleString("en-US")}`,
        value: median(proofRuns.map((p) => p.p99)),
        unit: "ms",
        note: `median; ${runs(
          proofRuns.map((p) => p.p99),
          2,
        )}; target < 5 ms`,
      },
    ];
    printTable(`Ledger, ${WRITERS} concurrent writers, ${BATCH}-row transactions`, rows);
  } finally {
    await pool.end();
    await sealPool.end();
    await dba.end();
    await db.stop();
  }
}
