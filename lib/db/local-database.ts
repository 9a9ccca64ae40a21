import path from "node:path";
import pg from "pg";
import { runtimeEnv, type TRuntimeEnv } from "@/lib/config/runtime-env";
import { embeddedUrls, startEmbeddedPostgres } from "./embedded-postgres";

export type TLocalDatabase = { url: string; adminUrl?: string; embedded: boolean; stop: () => Promise<void> };

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * DATABASE_URL when it is set (any PostgreSQL ≥ 14); otherwise the embedded PostgreSQL whose
 * data lives in HL_DATA_DIR (default .data/pg, git-ignored) on HL_PG_PORT (default 54320).
 * When the app already runs that embedded server, the CLI connects to it instead of starting
 * a second one on the same data directory (which PostgreSQL would refuse).
 */
export async function openLocalDatabase(env: TRuntimeEnv = runtimeEnv()): Promise<TLocalDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const port = env.HL_PG_PORT;
  const database = env.HL_PG_DATABASE;
  const running = embeddedUrls(port, database);
  if (await accepts(running.url)) return { ...running, embedded: true, stop: async () => {} };
  const dataDir = path.resolve(env.HL_DATA_DIR);
  const server = await startEmbeddedPostgres({ dataDir, port, database });
  return { url: server.url, adminUrl: server.adminUrl, embedded: true, stop: server.stop };
}
