// Scenario a: SIGKILL the app server (its sequencer with it) in the middle of the write load, start
// it again, and check that every write it acknowledged before dying is there and sealed, that the
// ledger verifies, and that nothing was sealed twice. Requests cut off by the kill are not
// acknowledged, so they may or may not have committed; they are not counted either way.
import { checkFigures, describeLatencies, sleep, startSingleAppLoad, type TScenarioResult } from "./fault-run";
import { describeOutcomes, firstAckAgain } from "./write-load";
import type { TScenarioOptions } from "./scenario-options";

export async function runSigkill(o: TScenarioOptions): Promise<TScenarioResult> {
  const { run, load } = await startSingleAppLoad("a", o);
  try {
    await sleep(o.loadSeconds * 1000);
    const beforeKill = load.acks.length;
    const killedAt = Date.now();
    await run.app(0).kill();
    console.log(`  SIGKILL after ${beforeKill} acknowledged writes`);
    await sleep(2000);
    const restartAt = performance.now();
    await run.startApp(0);
    const restartMs = performance.now() - restartAt;
    load.takeRecent();
    const ackedBeforeRestart = load.acks.length;
    await sleep(o.loadSeconds * 1000);
    const afterRestart = load.acks.length - ackedBeforeRestart;
    const report = await load.stop();
    const check = await run.finalCheck(report.acks);

    const problems = [...check.problems];
    if (beforeKill === 0) problems.push("nothing was acknowledged before the kill");
    if (afterRestart === 0) problems.push("no write was acknowledged after the restart");
    const bad = [...report.outcomes.keys()].filter((k) => k.startsWith("http ") || k === "timed out");
    if (bad.length) problems.push(`answers other than 201, a JSON 503 or a cut connection: ${bad.join(", ")}`);
    return {
      scenario: "a. SIGKILL the app mid-load",
      passed: problems.length === 0,
      figures: [
        `writers: ${o.clients}; acknowledged before the kill: ${beforeKill}, after the restart: ${afterRestart}`,
        `outcomes: ${describeOutcomes(report.outcomes)}`,
        `restart to serving: ${(restartMs / 1000).toFixed(1)} s; kill to the first write acknowledged again: ${firstAckAgain(report.acks, killedAt)}`,
        `seal latency (written → sealed): ${describeLatencies(check.acks.sealLatencies.map((l) => l.ms))}`,
        ...checkFigures(check),
      ],
      problems,
    };
  } finally {
    await run.dispose();
  }
}
