// The soak: mixed everyday reads and chart openings (which write anchored events, so the
// sequencer and the monitor work throughout) for minutes on end, while the server samples its own
// memory and event-loop delay (scripts/runtime-samples.ts). Flat means the last minutes look like
// the first ones: the figures are the medians of the first and last minute and the slope between.
import fs from "node:fs";
import autocannon from "autocannon";
import type { TRuntimeSample } from "../../scripts/runtime-samples";
import { answerKind, describeAnswers, failures, noAnswers } from "../http/answers";
import type { TLoadTarget } from "./load-targets";

export type TSoakResult = {
  minutes: number;
  requests: number;
  failed: number;
  detail: string;
  samples: number;
  rss: { first: number; last: number; max: number; slopePerMin: number };
  loopP99: { first: number; last: number; max: number };
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Least-squares slope of y over minutes. */
function slope(points: { min: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.min, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.min - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.min - mx) ** 2, 0);
  return den ? num / den : 0;
}

export async function soak(o: {
  baseUrl: string;
  targets: readonly TLoadTarget[];
  connections: number;
  minutes: number;
  samplesFile: string;
}): Promise<TSoakResult> {
  const started = Date.now();
  const answers = noAnswers();
  const count = (status: number, body: string) => answers[answerKind(status, body)]++;
  const r = await autocannon({
    url: o.baseUrl,
    connections: o.connections,
    duration: o.minutes * 60,
    timeout: 30,
    requests: o.targets.map((t) => ({
      method: t.method ?? "GET",
      path: t.path,
      headers: { ...(t.cookie ? { cookie: t.cookie } : {}), ...t.headers },
      body: t.body,
      onResponse: count,
    })),
  });
  // autocannon counts a timeout as an error too.
  answers.timeouts = r.timeouts;
  answers["socket errors"] = r.errors - r.timeouts;
  const samples = fs
    .readFileSync(o.samplesFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TRuntimeSample)
    .map((s) => ({ ...s, min: (Date.parse(s.at) - started) / 60_000 }))
    .filter((s) => s.min >= 0 && s.min <= o.minutes);
  const inMinute = (from: number) => samples.filter((s) => s.min >= from && s.min < from + 1);
  const first = inMinute(1);
  const last = inMinute(o.minutes - 1);
  const steady = samples.filter((s) => s.min >= 1);
  return {
    minutes: o.minutes,
    requests: r.requests.total,
    failed: failures(answers),
    detail: describeAnswers(answers),
    samples: samples.length,
    rss: {
      first: median(first.map((s) => s.rssMiB)),
      last: median(last.map((s) => s.rssMiB)),
      max: Math.max(...samples.map((s) => s.rssMiB)),
      slopePerMin: slope(steady.map((s) => ({ min: s.min, y: s.rssMiB }))),
    },
    loopP99: {
      first: median(first.map((s) => s.loopDelayP99Ms)),
      last: median(last.map((s) => s.loopDelayP99Ms)),
      max: Math.max(...samples.map((s) => s.loopDelayMaxMs)),
    },
  };
}
