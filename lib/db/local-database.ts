import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";

export type TLocalDatabase = { url: string; adminUrl?: string; embedded: boolean; stop: () => Promise<void> };

/**
 * DATABASE_URL when it is set (any PostgreSQL ≥ 14); otherwise the embedded PostgreSQL whose
 * data lives in HL_DATA_DIR (default .data/pg, git-ignored) on HL_PG_PORT (default 54320).
 */
export async function openLocalDatabase(env: NodeJS.ProcessEnv = process.env): Promise<TLocalDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const dataDir = path.resolve(env.HL_DATA_DIR ?? ".data/pg");
  const port = Number(env.HL_PG_PORT ?? 54320);
  const pg = await startEmbeddedPostgres({ dataDir, port, database: env.HL_PG_DATABASE ?? "healthledger" });
  return { url: pg.url, adminUrl: pg.adminUrl, embedded: true, stop: pg.stop };
}
