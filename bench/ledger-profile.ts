// What the ledger benchmark's append phase spent its seals on, for `--profile`: the sealer's own
// timings per phase (seal-batch.ts), in the first and the last fifth of the run's seals so growth
// with the log's size shows, and PostgreSQL's pg_stat_statements for the same phase (the writers'
// statements and the sealer's, by total time). Only benchmark data is in these statements.
import type pg from "pg";
import type { TSealResult, TSealTimings } from "../lib/ledger/seal/seal-batch";
import { percentile } from "./report";

export const PROFILE_SETTINGS = {
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track": "top",
  "pg_stat_statements.max": "500",
};

const PHASES: (keyof TSealTimings)[] = ["head", "take", "check", "tree", "write"];

export type TSealSample = { treeSize: number; rows: number; timings: TSealTimings };

export function sealSample(r: TSealResult): TSealSample | null {
  return r.block && r.timings ? { treeSize: r.block.treeSize, rows: r.sealed, timings: r.timings } : null;
}

/** Lines of a Markdown table: per phase p50 / p99 / share of seal time, first fifth against last fifth. */
export function describeSealPhases(samples: readonly TSealSample[]): string[] {
  if (samples.length < 10) return [`(only ${samples.length} seals: too few to profile)`];
  const fifth = Math.floor(samples.length / 5);
  const parts = [
    {
      name: `first fifth (to ${samples[fifth - 1].treeSize.toLocaleString("en-US")} leaves)`,
      s: samples.slice(0, fifth),
    },
    {
      name: `last fifth (from ${samples[samples.length - fifth].treeSize.toLocaleString("en-US")})`,
      s: samples.slice(-fifth),
    },
  ];
  const lines = [
    "| phase | " + parts.map((p) => `${p.name}: p50 / p99 ms, share`).join(" | ") + " |",
    "|---|" + parts.map(() => "---").join("|") + "|",
  ];
  const total = (s: readonly TSealSample[]) => s.reduce((a, x) => a + PHASES.reduce((b, k) => b + x.timings[k], 0), 0);
  for (const phase of PHASES) {
    const cells = parts.map(({ s }) => {
      const ms = s.map((x) => x.timings[phase]).sort((a, b) => a - b);
      const share = ms.reduce((a, b) => a + b, 0) / total(s);
      return `${percentile(ms, 50).toFixed(1)} / ${percentile(ms, 99).toFixed(1)}, ${(share * 100).toFixed(0)}%`;
    });
    lines.push(`| ${phase} | ${cells.join(" | ")} |`);
  }
  const perSeal = parts.map(({ s }) => {
    const rows = s.reduce((a, x) => a + x.rows, 0) / s.length;
    const ms = total(s) / s.length;
    return `${Math.round(rows).toLocaleString("en-US")} leaves in ${ms.toFixed(0)} ms (${Math.round((rows / ms) * 1000).toLocaleString("en-US")} leaves/s while sealing)`;
  });
  lines.push(`| mean seal | ${perSeal.join(" | ")} |`);
  return lines;
}

export async function resetStatements(dba: pg.Pool): Promise<void> {
  await dba.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await dba.query("SELECT pg_stat_statements_reset()");
}

/** The statements that took the most time since the reset, as Markdown table lines. */
export async function describeStatements(dba: pg.Pool, top = 12): Promise<string[]> {
  const { rows } = await dba.query<{
    calls: string;
    total: number;
    mean: number;
    hit: string;
    read: string;
    written: string;
    query: string;
  }>(
    `SELECT calls, total_exec_time AS total, mean_exec_time AS mean, shared_blks_hit AS hit,
            shared_blks_read AS read, shared_blks_written AS written,
            regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT $1`,
    [top],
  );
  const all = rows.reduce((a, r) => a + r.total, 0);
  return [
    "| statement (first 90 characters) | calls | total s | mean ms | share | blocks hit / read / written |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.query.slice(0, 90).replace(/\|/g, "\\|")}\` | ${Number(r.calls).toLocaleString("en-US")} | ${(r.total / 1000).toFixed(1)} | ${r.mean.toFixed(2)} | ${((r.total / all) * 100).toFixed(0)}% | ${Number(r.hit).toLocaleString("en-US")} / ${Number(r.read).toLocaleString("en-US")} / ${Number(r.written).toLocaleString("en-US")} |`,
    ),
  ];
}
