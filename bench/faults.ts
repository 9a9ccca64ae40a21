// `npm run bench -- faults [--scenario a|b|c|d] [--clients N] [--seconds S] [--request-timeout MS]
// [--ports P1,P2]`: issue 17's fault runs, each under write load from several signed-in clients
// that keep the list of writes the server acknowledged, each with a pass/fail result. Every
// scenario starts its own PostgreSQL and production app servers on loopback and stops them again.
//   a  SIGKILL the app (sequencer included) mid-load, restart
//   b  restart PostgreSQL mid-load, `pg_ctl stop -m fast` and `-m immediate`
//   c  two app instances on one database; SIGKILL the one holding the sequencer's lock
//   d  the database's disk fills up (a tmpfs tablespace), then space is freed
// Exit status 1 when any scenario failed. The production build is made once (HL_SKIP_BUILD=1 reuses it).
import { runtimeEnv } from "../lib/config/runtime-env";
import { buildApp } from "./http/app-server";
import { loadFaultSecrets } from "./faults/fault-database";
import { disposeActiveRuns, type TScenarioResult } from "./faults/fault-run";
import type { TScenarioOptions } from "./faults/scenario-options";
import { machineLine } from "./report";

const SCENARIOS: Record<string, (o: TScenarioOptions) => Promise<TScenarioResult>> = {
  a: async (o) => (await import("./faults/scenario-sigkill")).runSigkill(o),
  b: async (o) => (await import("./faults/scenario-pg-restart")).runPgRestart(o),
  c: async (o) => (await import("./faults/scenario-two-instances")).runTwoInstances(o),
  d: async (o) => (await import("./faults/scenario-disk-full")).runDiskFull(o),
};

function parseArgs(args: string[]) {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min: number) => {
    const v = Number(get(name) ?? fallback);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return v;
  };
  const scenario = get("scenario");
  if (scenario !== undefined && !SCENARIOS[scenario])
    throw new Error(`--scenario must be one of ${Object.keys(SCENARIOS).join(", ")}`);
  const env = runtimeEnv();
  const ports = (get("ports") ?? `${env.HL_E2E_PORT},${env.HL_E2E_PORT + 1}`).split(",").map(Number);
  if (ports.length < 2 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))
    throw new Error("--ports takes two ports, e.g. 3100,3101");
  const options: TScenarioOptions = {
    pgPort: env.HL_BENCH_PG_PORT,
    appPorts: ports,
    clients: int("clients", 8, 1),
    loadSeconds: int("seconds", 10, 2),
    requestTimeoutMs: int("request-timeout", 35_000, 1000),
  };
  return { scenarios: scenario ? [scenario] : Object.keys(SCENARIOS), options };
}

export async function run(args: string[]) {
  // Interrupted, stop what the open scenario started (servers, the tmpfs) before exiting.
  const interrupted = () => {
    console.error("\ninterrupted: stopping the scenario's servers …");
    void disposeActiveRuns().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  loadFaultSecrets();
  const { scenarios, options } = parseArgs(args);
  buildApp();
  const results: TScenarioResult[] = [];
  for (const s of scenarios) {
    console.log(`\nscenario ${s} …`);
    const r = await SCENARIOS[s](options).catch((err: unknown): TScenarioResult => ({
      scenario: s,
      passed: false,
      figures: [],
      problems: [`the run itself failed: ${err instanceof Error ? err.message : String(err)}`],
    }));
    results.push(r);
    console.log(`  ${r.passed ? "PASS" : "FAIL"}`);
  }
  console.log(
    `\n## Fault runs — ${new Date().toISOString().slice(0, 10)}, ${machineLine("embedded PostgreSQL 18")}, ${options.clients} writers, request bound ${options.requestTimeoutMs / 1000} s\n`,
  );
  for (const r of results) {
    console.log(`### ${r.scenario}: ${r.passed ? "PASS" : "FAIL"}\n`);
    for (const f of r.figures) console.log(`- ${f}`);
    for (const p of r.problems) console.log(`- **problem:** ${p}`);
    console.log("");
  }
  if (results.some((r) => !r.passed)) process.exit(1);
}
