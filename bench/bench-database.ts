// A throwaway PostgreSQL for one benchmark run: embedded (wiped each time) unless
// HL_BENCH_DATABASE_URL points at a database that may be emptied.
import fs from "node:fs";
import path from "node:path";
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrateDatabase } from "../lib/db/migrate";

export async function openBenchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  // Keys of its own, not the development database's. The file name is passed, not only set in
  // the environment: local-secrets read HL_SECRETS_FILE when it was imported, before this ran.
  process.env.HL_SECRETS_FILE ??= path.resolve(".secrets/bench.env");
  loadLocalSecrets(process.env.HL_SECRETS_FILE);
  if (process.env.HL_BENCH_DATABASE_URL) {
    migrateDatabase(process.env.HL_BENCH_DATABASE_URL);
    return { url: process.env.HL_BENCH_DATABASE_URL, stop: async () => {} };
  }
  const dataDir = path.resolve(".data/bench-pg");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: Number(process.env.HL_BENCH_PG_PORT ?? 54360),
    database: "bench",
  });
  migrateDatabase(pg.url);
  process.env.DATABASE_URL = pg.url;
  return { url: pg.url, stop: pg.stop };
}
