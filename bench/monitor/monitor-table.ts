// The monitor benchmark's one table: every figure beside its baseline from the same run, and
// each target with whether this run met it.
import type { TMonitorOptions } from "../monitor";
import { fmt, type TRow } from "../report";
import type { TAppendRun, TMonitorPlace } from "./append-phase";
import type { THttpFigure } from "./http-phase";
import type { TLagFigures } from "./lag-phase";
import type { TRulesFigures } from "./rules-phase";
import type { TSeedFigures } from "./seed-phase";

const P975_TARGET_MS = 300;
const LAG_TARGET_MS = 60_000;
const RULES_TARGET = 0.25;
const APPEND_TARGET = 0.9;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const list = (xs: number[]) => xs.map((x) => fmt(x)).join(" / ");

/** The seed and rule evaluation rows: the whole table of `--only rules`, the head of the full one. */
export function rulesRows(r: { seed: TSeedFigures; rules: TRulesFigures }): TRow[] {
  return [
    {
      name: "scale seeder (insert + enqueue)",
      value: r.seed.writeRate,
      unit: "events/s",
      note: `then sealed at ${fmt(r.seed.sealRate)} leaves/s; ${fmt(r.seed.totalRate)} events/s both together`,
    },
    {
      name: "plain streamed SELECT, same columns (baseline)",
      value: r.rules.baseline,
      unit: "events/s",
      baseline: r.rules.baseline,
      note: `faster of two runs: ${list(r.rules.baselineRuns)}; cursor of 5,000 rows`,
    },
    { name: "rollups backfill", value: r.rules.rollups, unit: "events/s", baseline: r.rules.baseline },
    {
      name: "rule evaluation (rules consumer backfill)",
      value: r.rules.rules,
      unit: "events/s",
      baseline: r.rules.baseline,
      target: { text: `≥ ${RULES_TARGET.toFixed(2)}×`, met: r.rules.rules / r.rules.baseline >= RULES_TARGET },
      note: `${r.rules.events.toLocaleString("en-US")} events; ${r.rules.alerts.toLocaleString("en-US")} alerts in the database after it`,
    },
  ];
}

export function monitorTable(r: {
  opts: TMonitorOptions;
  seed: TSeedFigures;
  rules: TRulesFigures;
  pages: THttpFigure[];
  lag: TLagFigures;
  append: TAppendRun[];
}): TRow[] {
  return [
    ...rulesRows(r),
    ...r.pages.map((p): TRow => ({
      name: `${p.target.name}, ${p.connections} conn., p97.5`,
      value: p.p97_5,
      unit: "ms",
      target: {
        text: `< ${P975_TARGET_MS} ms, all 2xx`,
        met: p.requests > 0 && p.p97_5 < P975_TARGET_MS && p.failed === 0,
      },
      note: [
        `p50 ${fmt(p.p50)} / p99 ${fmt(p.p99)} ms`,
        `${fmt(p.perSecond)} req/s`,
        `non-2xx ${p.failed}${p.failed ? ` (${p.detail})` : ""}`,
        p.requests === 0 ? "no request finished within the run" : "",
        p.target.note,
      ]
        .filter(Boolean)
        .join("; "),
    })),
    {
      name: "insert-to-alert lag p95",
      value: r.lag.p95,
      unit: "ms",
      target: { text: "< 60 s", met: r.lag.p95 < LAG_TARGET_MS },
      note: `p50 ${fmt(r.lag.p50)} / max ${fmt(r.lag.max)} ms; ${r.lag.found} of ${r.lag.samples} planted findings alerted`,
    },
    ...appendRows(r),
  ];
}

/** The append rows (with the monitor in each place against without): the tail of the table, or `--only append`'s. */
export function appendRows(r: { opts: TMonitorOptions; append: TAppendRun[] }): TRow[] {
  const without = mean(r.append.filter((a) => a.monitor === "off").map((a) => a.rate));
  const placed = (monitor: TMonitorPlace, name: string): TRow => {
    const runs = r.append.filter((a) => a.monitor === monitor);
    const rate = mean(runs.map((a) => a.rate));
    return {
      name,
      value: rate,
      unit: "events/s",
      baseline: without,
      target: { text: `≥ ${APPEND_TARGET.toFixed(2)}×`, met: rate / without >= APPEND_TARGET },
      note: `mean of ${runs.length}: ${list(runs.map((a) => a.rate))}; monitor caught up ${list(runs.map((a) => a.catchUpMs / 1000))} s after the last seal`,
    };
  };
  const offRuns = r.append.filter((a) => a.monitor === "off").map((a) => a.rate);
  return [
    {
      name: "ledger append, monitor off (baseline)",
      value: without,
      unit: "events/s",
      baseline: without,
      note: `mean of ${offRuns.length}: ${list(offRuns)}; ${r.opts.appendLeaves.toLocaleString("en-US")} events each`,
    },
    placed("inline", "ledger append, monitor in the writers' process"),
    placed("process", "ledger append, monitor in its own process at nice 10"),
  ];
}
