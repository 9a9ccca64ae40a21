// Scenario c: two app instances on one database, both writing and both running a sequencer (they
// take turns through the advisory lock in sealBatch). The run watches pg_locks until it sees the
// lock held, finds which instance holds it (lock-holder.ts) and SIGKILLs that one; its clients move
// to the other, as behind a load balancer. The other must take over sealing within
// TAKEOVER_BOUND_MS, the chain stays one gapless chain, and the seal latency (write acknowledged →
// sealed) before, across and after the failover is printed.
import { SEALER_APPLICATION_NAME } from "../../lib/ledger/seal/sequencer";
import { checkFigures, describeLatencies, openFaultRun, sleep, type TScenarioResult } from "./fault-run";
import { lockHolderPort, processGroupOfPort } from "./lock-holder";
import type { TScenarioOptions } from "./scenario-options";
import { describeOutcomes, startWriteLoad } from "./write-load";

/**
 * The stated bound for the survivor's first block after the kill. The lock goes with the killed
 * backend's connection (the kernel closes its socket); the survivor's loop retries every 200 ms
 * when idle and at once when its own writers wake it.
 */
const TAKEOVER_BOUND_MS = 5000;
/** Acknowledgements this close to the kill count as "across the failover". */
const ACROSS_BEFORE_MS = 1000;
const ACROSS_AFTER_MS = 3000;

export async function runTwoInstances(o: TScenarioOptions): Promise<TScenarioResult> {
  const run = await openFaultRun({
    label: "c",
    pgPort: o.pgPort,
    appPorts: o.appPorts.slice(0, 2),
    clients: o.clients,
  });
  try {
    await run.startApp(0);
    await run.startApp(1);
    const cookies = await run.signIn(0);
    const load = startWriteLoad({
      baseUrls: [run.baseUrl(0), run.baseUrl(1)],
      cookies,
      requestTimeoutMs: o.requestTimeoutMs,
      runId: `c${Date.now()}`,
    });
    await sleep(o.loadSeconds * 1000);
    const problems: string[] = [];
    const { rows } = await run.checkPool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1`,
      [SEALER_APPLICATION_NAME],
    );
    const sealers = Number(rows[0].n);
    if (sealers !== 2) problems.push(`${sealers} sealing connections before the kill, not one per instance`);

    // The lock is taken per batch, so it is held for moments only: poll until it is seen held.
    let victim: number | null = null;
    let seenAt = performance.now();
    const watchUntil = Date.now() + 20_000;
    while (victim === null && Date.now() < watchUntil) {
      const port = await lockHolderPort(run.checkPool);
      const seen = performance.now();
      const group = port === null ? null : processGroupOfPort(port);
      const i = [0, 1].find((k) => run.app(k).processGroup === group);
      if (i !== undefined) {
        victim = i;
        seenAt = seen;
      } else await sleep(5);
    }
    const beforeKill = load.acks.length;
    if (victim === null) {
      problems.push("the sequencer's lock was never seen held within 20 s; killed instance 0 instead");
      victim = 0;
    }
    const killedAt = Date.now();
    // The lock is held for one batch (tens of ms): the kill may land just after that batch committed.
    const sightingToKillMs = performance.now() - seenAt;
    await run.app(victim).kill();
    console.log(`  SIGKILL instance ${victim} (it held the sequencer's lock) after ${beforeKill} acknowledged writes`);
    await sleep(o.loadSeconds * 1000);
    const report = await load.stop();
    const check = await run.finalCheck(report.acks);
    problems.push(...check.problems);

    const first = await run.checkPool.query<{ ms: string | null; blocks: string }>(
      `SELECT extract(epoch FROM min("sealedAt")) * 1000 AS ms, count(*) AS blocks FROM "LedgerBlock"
        WHERE "sealedAt" > (to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC')`,
      [killedAt],
    );
    const takeoverMs = first.rows[0].ms === null ? null : Number(first.rows[0].ms) - killedAt;
    if (takeoverMs === null) problems.push("the surviving instance sealed no block after the kill");
    else if (takeoverMs > TAKEOVER_BOUND_MS)
      problems.push(`the surviving instance took ${Math.round(takeoverMs)} ms to seal, over ${TAKEOVER_BOUND_MS} ms`);
    const bad = [...report.outcomes.keys()].filter((k) => k.startsWith("http ") || k === "timed out");
    if (bad.length) problems.push(`answers other than 201, a JSON 503 or a cut connection: ${bad.join(", ")}`);

    const lat = check.acks.sealLatencies;
    const window = (from: number, to: number) => {
      const w = lat.filter((l) => l.ackAt >= from && l.ackAt < to);
      return `${describeLatencies(w.map((l) => l.ms))}; acknowledged → sealed ${describeLatencies(w.map((l) => l.afterAckMs))}`;
    };
    return {
      scenario: "c. two instances, SIGKILL the sequencer's lock holder",
      passed: problems.length === 0,
      figures: [
        `writers: ${o.clients} over 2 instances; ${sealers} sealing connections before the kill; acknowledged before the kill: ${beforeKill}`,
        `outcomes: ${describeOutcomes(report.outcomes)}`,
        `SIGKILL sent ${sightingToKillMs.toFixed(1)} ms after pg_locks showed the lock held; takeover: the survivor's first block ${takeoverMs === null ? "never" : `${Math.round(takeoverMs)} ms`} after the SIGKILL (bound ${TAKEOVER_BOUND_MS} ms); ${first.rows[0].blocks} blocks after it`,
        `seal latency (written → sealed) before the kill: ${window(0, killedAt - ACROSS_BEFORE_MS)}`,
        `across the failover (acknowledged ${ACROSS_BEFORE_MS / 1000} s before to ${ACROSS_AFTER_MS / 1000} s after the kill): ${window(killedAt - ACROSS_BEFORE_MS, killedAt + ACROSS_AFTER_MS)}`,
        `after: ${window(killedAt + ACROSS_AFTER_MS, Infinity)}`,
        ...checkFigures(check),
      ],
      problems,
    };
  } finally {
    await run.dispose();
  }
}
