// Scenario b: restart PostgreSQL under the write load, once with `pg_ctl stop -m fast` (clients
// are disconnected, open transactions rolled back) and once with `-m immediate` (the server stops
// without a checkpoint; the next start replays the WAL), each time keeping it down a few seconds.
// The app server keeps running throughout and must reconnect by itself: while the database is away
// every request fails cleanly (503 with a JSON error code, within the stated bound, never a 500 and
// never a dropped connection), writes are acknowledged again after the restart, and nothing
// acknowledged before, during or after is lost.
import { checkFigures, describeLatencies, sleep, startSingleAppLoad, type TScenarioResult } from "./fault-run";
import type { TShutdownMode } from "./fault-database";
import type { TScenarioOptions } from "./scenario-options";
import { describeOutcomes, firstAckAgain, type TOutcome } from "./write-load";

/** How long the database stays down each time. */
const DOWN_MS = 4000;

const clean = (o: TOutcome) => o === "acknowledged" || o.startsWith("refused 503 ");

/** A signed-in page while the database is down: it must say so, answering 503 with Retry-After. */
async function probePage(baseUrl: string, cookie: string): Promise<{ ok: boolean; summary: string }> {
  const res = await fetch(`${baseUrl}/records`, { headers: { cookie }, redirect: "manual" });
  const html = await res.text();
  const says = html.includes("The database is unavailable");
  const retryAfter = res.headers.get("retry-after");
  return {
    ok: res.status === 503 && says && retryAfter !== null,
    summary: `HTTP ${res.status}, Retry-After ${retryAfter ?? "none"}, ${says ? "says the database is unavailable" : "does not say the database is unavailable"}`,
  };
}

export async function runPgRestart(o: TScenarioOptions): Promise<TScenarioResult> {
  const { run, load, cookies } = await startSingleAppLoad("b", o);
  try {
    const figures: string[] = [];
    const problems: string[] = [];
    for (const mode of ["fast", "immediate"] as TShutdownMode[]) {
      await sleep(o.loadSeconds * 1000);
      const before = load.acks.length;
      load.takeRecent();
      const stoppedAt = Date.now();
      run.db.shutdown(mode);
      await sleep(DOWN_MS / 2);
      const page = await probePage(run.baseUrl(0), cookies[0]);
      await sleep(DOWN_MS / 2);
      const whileDown = load.takeRecent();
      const startedAt = Date.now();
      await run.db.start();
      const startMs = Date.now() - startedAt;
      // Until the first acknowledgement after the restart: the app's pools find the server again.
      const deadline = Date.now() + 60_000;
      while (!load.acks.some((a) => a.ackAt > startedAt) && Date.now() < deadline) await sleep(100);
      const again = firstAckAgain(load.acks, startedAt);
      figures.push(
        `-m ${mode}: ${before} acknowledged before; while down (${DOWN_MS / 1000} s): ${describeOutcomes(whileDown) || "no answers"}; server back in ${(startMs / 1000).toFixed(1)} s; first write acknowledged ${again} after it was back (${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the stop)`,
      );
      figures.push(`-m ${mode}: a page while the database is down: ${page.summary}`);
      if (!page.ok) problems.push(`-m ${mode}: the page shown while the database is down is ${page.summary}`);
      if (again === "never") problems.push(`-m ${mode}: no write was acknowledged within 60 s of the restart`);
      if (![...whileDown.keys()].some((k) => k.startsWith("refused 503 ")))
        problems.push(`-m ${mode}: no request was refused with a 503 while the database was down`);
    }
    await sleep(o.loadSeconds * 1000);
    const report = await load.stop();
    const check = await run.finalCheck(report.acks);
    problems.push(...check.problems);
    const unclean = [...report.outcomes.keys()].filter((k) => !clean(k));
    if (unclean.length) problems.push(`answers other than 201 or a JSON 503: ${unclean.join(", ")}`);
    if (report.maxFailedLatencyMs > o.requestTimeoutMs)
      problems.push(`a refused request took ${Math.round(report.maxFailedLatencyMs)} ms, over the bound`);
    const codes = [...report.outcomes.keys()].filter((k) => k.startsWith("refused ")).join(", ");
    return {
      scenario: "b. restart PostgreSQL mid-load (fast, then immediate)",
      passed: problems.length === 0,
      figures: [
        `writers: ${o.clients}; outcomes over the whole run: ${describeOutcomes(report.outcomes)}`,
        ...figures,
        `refusals: ${codes || "none"}; slowest refused request ${Math.round(report.maxFailedLatencyMs)} ms (bound ${o.requestTimeoutMs / 1000} s); slowest request ${Math.round(report.maxLatencyMs)} ms`,
        `seal latency (written → sealed) of acknowledged writes: ${describeLatencies(check.acks.sealLatencies.map((l) => l.ms))}; acknowledged → sealed: ${describeLatencies(check.acks.sealLatencies.map((l) => l.afterAckMs))}`,
        ...checkFigures(check),
      ],
      problems,
    };
  } finally {
    await run.dispose();
  }
}
