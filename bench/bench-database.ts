// A throwaway PostgreSQL for one benchmark run: embedded (wiped each time) unless
// HL_BENCH_DATABASE_URL points at a database that may be emptied. The ledger and vault run as the
// app role, as in production; the benchmark's own comparison tables and housekeeping (VACUUM,
// CHECKPOINT, emptying the append-only log) need a DBA, so `superuserUrl` is given too. The
// embedded data directory is removed when the run stops.
import fs from "node:fs";
import path from "node:path";
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { embeddedPasswords, runtimeEnv, setDatabaseUrl } from "../lib/config/runtime-env";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrateAndGrant, migrateDatabase } from "../lib/db/migrate";

export type TBenchDatabase = { url: string; superuserUrl: string; stop: () => Promise<void> };

/** `settings`: more server settings for the embedded server (ignored with HL_BENCH_DATABASE_URL). */
export async function openBenchDatabase(o: { settings?: Record<string, string> } = {}): Promise<TBenchDatabase> {
  // Keys of its own, not the development database's.
  process.env.HL_SECRETS_FILE ??= path.resolve(".secrets/bench.env");
  loadLocalSecrets({ file: process.env.HL_SECRETS_FILE, newLogSigningKey });
  const env = runtimeEnv();
  if (env.HL_BENCH_DATABASE_URL) {
    migrateDatabase(env.HL_BENCH_DATABASE_URL);
    return { url: env.HL_BENCH_DATABASE_URL, superuserUrl: env.HL_BENCH_DATABASE_URL, stop: async () => {} };
  }
  // One directory per port: two runs at once (a long one and a quick one) must not wipe each other.
  const dataDir = path.resolve(`.data/bench-pg-${env.HL_BENCH_PG_PORT}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: env.HL_BENCH_PG_PORT,
    database: "bench",
    passwords: embeddedPasswords(),
    settings: o.settings,
  });
  await migrateAndGrant({ ownerUrl: pg.ownerUrl, appUrl: pg.appUrl });
  setDatabaseUrl(pg.appUrl);
  const superuserUrl = new URL(pg.superuserUrl);
  superuserUrl.pathname = "/bench";
  // The run's data go with it: a benchmark of millions of rows leaves gigabytes behind otherwise.
  const stop = async () => {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { url: pg.appUrl, superuserUrl: superuserUrl.toString(), stop };
}
