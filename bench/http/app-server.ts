// The app as a benchmark drives it: a production build (rebuilt unless HL_SKIP_BUILD=1, reusing
// .next) served by scripts/serve.ts, as `npm start` serves it, on a database the benchmark owns.
// The server runs its sequencer and monitor inside, as in production. Its output is kept and
// printed when it fails to start; all of it is written to `logFile`.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { childEnv, OWNER_ONLY_VARIABLES, runtimeEnv } from "../../lib/config/runtime-env";

export type TAppServer = {
  baseUrl: string;
  /** The process group of the server (tsx and the Node.js process it runs). */
  processGroup: number;
  stop: () => Promise<void>;
  /** SIGKILL the server and everything it started (tsx runs the server in a child of its own). */
  kill: () => Promise<void>;
};
export type TAppServerOptions = {
  databaseUrl: string;
  port: number;
  checkpointStateFile: string;
  /** Where the server's output goes, to read after a run that saw errors. */
  logFile: string;
  /** Variables the server gets on top of this process's (e.g. HL_SEQUENCER). */
  env?: Record<string, string>;
};

const READY_TIMEOUT_MS = 180_000;

export function buildApp(): void {
  if (runtimeEnv().HL_SKIP_BUILD) {
    console.log("HL_SKIP_BUILD set: serving the existing .next build");
    return;
  }
  console.log("building the app (next build) …");
  execFileSync("node_modules/.bin/next", ["build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
}

export async function startAppServer(o: TAppServerOptions): Promise<TAppServer> {
  const baseUrl = `http://127.0.0.1:${o.port}`;
  const ownerOnly = Object.fromEntries(OWNER_ONLY_VARIABLES.map((name) => [name, undefined]));
  // A process group of its own, so kill() reaches the Node.js process tsx starts, not tsx alone.
  const child = spawn("node_modules/.bin/tsx", ["scripts/serve.ts", String(o.port)], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: childEnv({
      ...ownerOnly,
      DATABASE_URL: o.databaseUrl,
      NODE_ENV: "production",
      NEXTAUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      HL_CHECKPOINT_STATE_FILE: o.checkpointStateFile,
      ...o.env,
    }),
  });
  const output: string[] = [];
  const log = fs.createWriteStream(o.logFile, { flags: "a" });
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const fail = (why: string) => new Error(`${why}; the server's last output:\n${output.join("")}`);

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw fail(`the app server exited with status ${child.exitCode}`);
    const up = await fetch(`${baseUrl}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      killGroup(child.pid);
      throw fail(`the app server did not answer /login within ${READY_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseUrl,
    processGroup: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => killGroup(child.pid), 15_000);
      await exited;
      clearTimeout(timer);
      killGroup(child.pid);
      log.end();
    },
    async kill() {
      killGroup(child.pid);
      await exited;
      log.end();
    },
  };
}

/** SIGKILL a process group; one that is gone already is fine. */
function killGroup(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch (err) {
    if ((err as { code?: string }).code !== "ESRCH") throw err;
  }
}
