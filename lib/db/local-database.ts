import path from "node:path";
import pg from "pg";
import { embeddedPasswords, runtimeEnv, type TRuntimeEnv } from "@/lib/config/runtime-env";
import { embeddedUrls, startEmbeddedPostgres } from "./embedded-postgres";
import { migrateAndGrant } from "./migrate";

export type TLocalDatabase = {
  /** The app's connection (least privilege): what DATABASE_URL is set to. */
  url: string;
  /** The schema owner's connection, for migrations and grants only. */
  ownerUrl: string;
  embedded: boolean;
  /** The embedded data directory predated the database roles and was converted at this start. */
  upgraded?: boolean;
  stop: () => Promise<void>;
};

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
 * DATABASE_URL when it is set (any PostgreSQL ≥ 14; HL_DATABASE_OWNER_URL, or else DATABASE_URL
 * itself, migrates it); otherwise the embedded PostgreSQL whose data lives in HL_DATA_DIR
 * (default .data/pg, git-ignored) on HL_PG_PORT (default 54320), with the roles of
 * docs/database-roles.md. When the app already runs that embedded server, the CLI connects to it
 * instead of starting a second one on the same data directory (which PostgreSQL would refuse).
 */
export async function openLocalDatabase(env: TRuntimeEnv = runtimeEnv()): Promise<TLocalDatabase> {
  if (env.DATABASE_URL) {
    const ownerUrl = env.HL_DATABASE_OWNER_URL ?? env.DATABASE_URL;
    return { url: env.DATABASE_URL, ownerUrl, embedded: false, stop: async () => {} };
  }
  const port = env.HL_PG_PORT;
  const database = env.HL_PG_DATABASE;
  const passwords = embeddedPasswords(env);
  const running = embeddedUrls({ port, database, passwords });
  if (await accepts(running.appUrl))
    return { url: running.appUrl, ownerUrl: running.ownerUrl, embedded: true, stop: async () => {} };
  const dataDir = path.resolve(env.HL_DATA_DIR);
  const server = await startEmbeddedPostgres({ dataDir, port, database, passwords });
  // A data directory from before the roles: its tables now belong to the owner, and the app role
  // has no grants until the next migration applies them; do that now, whoever opened it first.
  if (server.upgraded) {
    await migrateAndGrant({ ownerUrl: server.ownerUrl, appUrl: server.appUrl }).catch(async (err) => {
      await server.stop();
      throw err;
    });
  }
  return {
    url: server.appUrl,
    ownerUrl: server.ownerUrl,
    embedded: true,
    upgraded: server.upgraded,
    stop: server.stop,
  };
}
