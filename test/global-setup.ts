// Vitest global setup: one real PostgreSQL for the run (embedded, or the server in
// DATABASE_URL), one migrated template database; each test file clones it (test/db.ts).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { runtimeEnv } from "../lib/config/runtime-env";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrateDatabase } from "../lib/db/migrate";

export const TEMPLATE_DB = "hl_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop = async () => {};
  const env = runtimeEnv();
  if (env.DATABASE_URL) {
    adminUrl = env.DATABASE_URL;
  } else {
    // Port and data directory are per port, so two test runs on one machine do not collide.
    const port = env.HL_TEST_PG_PORT;
    const dataDir = path.resolve(`.data/test-pg-${port}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
    adminUrl = server.adminUrl;
    stop = server.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Leftovers from an interrupted run on an external server.
  const old = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'hl_test_%'");
  for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(r.datname)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  // Through `prisma migrate deploy`, exactly as production applies them (it splits statements
  // differently from a plain multi-statement query, and that has bitten before).
  migrateDatabase(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("adminUrl", adminUrl);
  project.provide("templateDb", TEMPLATE_DB);
  return async () => {
    await stop();
  };
}
