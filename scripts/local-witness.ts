// The witness `npm start` runs beside the app when HL_WITNESSES names none (HL_LOCAL_WITNESS=on,
// the default), so the demo's checkpoints are cosigned and its rollback guard has a witness to ask.
// Its own process, key and state, beside the secrets file: .secrets/local.env gives
// .secrets/local-witness.key and .secrets/local-witness-state.json. Production names its own.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runtimeEnv } from "../lib/config/runtime-env";
import { logKeysFrom } from "../lib/ledger/log-keys";
import { createWitnessKeyFile, readWitnessKeyFile } from "../lib/ledger/witness/witness-key";

export type TLocalWitness = { env: Record<string, string>; stop: () => Promise<void> };

export function localWitnessFiles(secretsFile = runtimeEnv().HL_SECRETS_FILE) {
  const base = path.resolve(secretsFile).replace(/\.env$/, "");
  return { keyFile: `${base}-witness.key`, stateFile: `${base}-witness-state.json` };
}

/** Starts the local witness (or nothing, when HL_WITNESSES is set or it is turned off). */
export async function startLocalWitness(): Promise<TLocalWitness | null> {
  const env = runtimeEnv();
  if (env.HL_WITNESSES || env.HL_LOCAL_WITNESS === "off") return null;
  const { keyFile, stateFile } = localWitnessFiles();
  if (!fs.existsSync(keyFile)) await createWitnessKeyFile({ file: keyFile, name: "healthledger.local/witness" });
  const { verifierKey } = await readWitnessKeyFile(keyFile);
  const log = logKeysFrom({ origin: env.HL_LOG_ORIGIN, signingKey: process.env.HL_LOG_SIGNING_KEY ?? "" });
  const port = String(env.HL_LOCAL_WITNESS_PORT);
  const child = spawn(
    "node_modules/.bin/tsx",
    [
      "--conditions=react-server",
      "bin/healthledger.ts",
      "witness",
      "serve",
      "--key",
      keyFile,
      "--state",
      stateFile,
      "--port",
      port,
      "--log",
      log.verifierKey,
      "--quiet",
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { PATH: process.env.PATH, NODE_ENV: process.env.NODE_ENV } },
  );
  await waitForReady(child);
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  return {
    env: { HL_WITNESSES: `local http://127.0.0.1:${port} ${verifierKey}` },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the local witness did not start within 30 s")), 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the local witness exited (${code}) before it was ready`));
    });
    child.stdout?.on("data", function ready(chunk: Buffer) {
      out += chunk.toString();
      process.stdout.write(chunk);
      if (!out.includes("› witness ")) return;
      clearTimeout(timer);
      child.stdout?.off("data", ready);
      child.removeAllListeners("exit");
      resolve();
    });
  });
}

/**
 * A new embedded database is a new log under the same origin: a local witness that remembers
 * the previous demo's log would refuse it forever. Its state is set aside (kept, renamed) then.
 */
export function setAsideLocalWitnessStateForNewDatabase(): string | null {
  const env = runtimeEnv();
  if (env.DATABASE_URL || env.HL_WITNESSES || env.HL_LOCAL_WITNESS === "off") return null;
  if (fs.existsSync(path.join(path.resolve(env.HL_DATA_DIR), "PG_VERSION"))) return null;
  const { stateFile } = localWitnessFiles();
  if (!fs.existsSync(stateFile)) return null;
  const aside = `${stateFile}.${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}.old`;
  fs.renameSync(stateFile, aside);
  return aside;
}
