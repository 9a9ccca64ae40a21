// `npm start` (production build) and `npm run dev` (`--dev`): one command from a fresh clone to
// a running app on http://localhost:$PORT (default 3000).
import { spawn, execFileSync } from "node:child_process";
import { runtimeEnv } from "../lib/config/runtime-env";
import { setAsideLocalWitnessStateForNewDatabase, startLocalWitness } from "./local-witness";
import { prepareRuntime } from "./prepare-runtime";

const dev = process.argv.includes("--dev");
const port = String(runtimeEnv().PORT);
const setAside = setAsideLocalWitnessStateForNewDatabase();
if (setAside) console.log(`› new embedded database: the local witness's earlier state was moved to ${setAside}`);
const runtime = await prepareRuntime({ production: !dev });
const witness = await startLocalWitness().catch(async (err) => {
  await runtime.db.stop();
  throw err;
});
if (witness) console.log(`› local witness cosigns checkpoints (${witness.env.HL_WITNESSES.split(" ")[1]})`);
const env = {
  ...runtime.env,
  ...witness?.env,
  NEXTAUTH_URL: runtime.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  // Telemetry would try to reach the internet on every build and start.
  NEXT_TELEMETRY_DISABLED: "1",
};

if (!dev && !runtimeEnv().HL_SKIP_BUILD) {
  console.log("› building the app");
  try {
    execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  } catch {
    await witness?.stop();
    await runtime.db.stop();
    console.error("build failed; see the output above");
    process.exit(1);
  }
}
console.log(`› serving on http://localhost:${port}`);
// Our own server around Next.js, so the app learns each request's socket address (scripts/serve.ts).
const server = spawn("node_modules/.bin/tsx", ["scripts/serve.ts", ...(dev ? ["--dev"] : []), port], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: dev ? "development" : "production" },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) server.kill("SIGTERM");
  await witness?.stop();
  await runtime.db.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 0));
