// A throwaway PostgreSQL for one benchmark run: embedded (wiped each time) unless
// HL_BENCH_DATABASE_URL points at a database that may be emptied.
import fs from "node:fs";
import path from "node:path";
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { runtimeEnv, setDatabaseUrl } from "../lib/config/runtime-env";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrateDatabase } from "../lib/db/migrate";

export async function openBenchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  // Keys of its own, not the development database's.
  process.env.HL_SECRETS_FILE ??= path.resolve(".secrets/bench.env");
  loadLocalSecrets({ file: process.env.HL_SECRETS_FILE, newLogSigningKey });
  const env = runtimeEnv();
  if (env.HL_BENCH_DATABASE_URL) {
    migrateDatabase(env.HL_BENCH_DATABASE_URL);
    return { url: env.HL_BENCH_DATABASE_URL, stop: async () => {} };
  }
  const dataDir = path.resolve(".data/bench-pg");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: env.HL_BENCH_PG_PORT,
    database: "bench",
  });
  migrateDatabase(pg.url);
  setDatabaseUrl(pg.url);
  return { url: pg.url, stop: pg.stop };
}
