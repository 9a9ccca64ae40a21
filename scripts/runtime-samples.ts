// The server's own resident memory and event-loop delay, one JSON line every few seconds, for
// the load benchmark's soak (bench/load/soak.ts): both can only be read inside the process, and
// a leak or a blocked loop shows as a slope over minutes, not in one request. Off unless
// HL_RUNTIME_SAMPLES_FILE names a file; the lines hold process figures only, never request data.
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

export const SAMPLE_EVERY_MS = 5_000;

export type TRuntimeSample = {
  at: string;
  rssMiB: number;
  heapUsedMiB: number;
  /** Event-loop delay over the last interval (20 ms resolution timer, as Node's docs suggest). */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
};

const MiB = 2 ** 20;
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

export function startRuntimeSamples(file: string | undefined): void {
  if (!file) return;
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  const timer = setInterval(() => {
    const mem = process.memoryUsage();
    const sample: TRuntimeSample = {
      at: new Date().toISOString(),
      rssMiB: Math.round(mem.rss / MiB),
      heapUsedMiB: Math.round(mem.heapUsed / MiB),
      loopDelayP50Ms: ms(delay.percentile(50)),
      loopDelayP99Ms: ms(delay.percentile(99)),
      loopDelayMaxMs: ms(delay.max),
    };
    delay.reset();
    fs.appendFileSync(file, JSON.stringify(sample) + "\n");
  }, SAMPLE_EVERY_MS);
  timer.unref();
}
