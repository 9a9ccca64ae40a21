// Vitest global setup: one real PostgreSQL for the run (embedded, or the server in
// DATABASE_URL, which must then be a superuser's), the roles of docs/database-roles.md, and one
// template database migrated by the owner role with the app role's grants; each test file clones
// it (test/db.ts) and runs as the app role, so every test also shows the app works with least privilege.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { runtimeEnv, type TEmbeddedPasswords } from "../lib/config/runtime-env";
import { embeddedUrls, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrateAndGrant } from "../lib/db/migrate";
import { ensureRoles } from "../lib/db/roles/ensure-roles";
import { APP_ROLE, OWNER_ROLE } from "../lib/db/roles/role-names";

export const TEMPLATE_DB = "hl_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser, `postgres` database: creating and dropping test databases, and DBA-style tampering. */
    superuserUrl: string;
    /** healthledger_owner and healthledger_app; each test file swaps in its own database name. */
    ownerUrl: string;
    appUrl: string;
    templateDb: string;
  }
}

/** Fresh for every run: nothing of a developer's .secrets is used, nothing is written there. */
function randomPasswords(): TEmbeddedPasswords {
  const one = () => crypto.randomBytes(18).toString("base64url");
  return { superuser: one(), owner: one(), app: one() };
}

export default async function setup(project: TestProject) {
  let superuserUrl: string;
  let stop = async () => {};
  const env = runtimeEnv();
  const passwords = randomPasswords();
  let urls: ReturnType<typeof embeddedUrls>;
  if (env.DATABASE_URL) {
    superuserUrl = env.DATABASE_URL;
    const u = new URL(superuserUrl);
    urls = embeddedUrls({ port: Number(u.port || 5432), database: TEMPLATE_DB, passwords });
    const host = (url: string) => {
      const x = new URL(url);
      x.hostname = u.hostname;
      return x.toString();
    };
    urls = { superuserUrl, ownerUrl: host(urls.ownerUrl), appUrl: host(urls.appUrl) };
    const admin = new pg.Client({ connectionString: superuserUrl });
    await admin.connect();
    await ensureRoles(admin, {
      owner: { name: OWNER_ROLE, password: passwords.owner },
      app: { name: APP_ROLE, password: passwords.app },
    });
    await admin.end();
  } else {
    // Port and data directory are per port, so two test runs on one machine do not collide.
    const port = env.HL_TEST_PG_PORT;
    const dataDir = path.resolve(`.data/test-pg-${port}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, port, database: "hl_test_bootstrap", passwords });
    urls = server;
    superuserUrl = server.superuserUrl;
    stop = server.stop;
  }
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  // Leftovers from an interrupted run on an external server.
  const old = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'hl_test_%'");
  for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(r.datname)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB} OWNER ${OWNER_ROLE}`);
  await admin.end();
  // Through `prisma migrate deploy`, exactly as production applies them (it splits statements
  // differently from a plain multi-statement query, and that has bitten before), as the owner.
  await migrateAndGrant({
    ownerUrl: withDatabase(urls.ownerUrl, TEMPLATE_DB),
    appUrl: withDatabase(urls.appUrl, TEMPLATE_DB),
  });
  project.provide("superuserUrl", superuserUrl);
  project.provide("ownerUrl", urls.ownerUrl);
  project.provide("appUrl", urls.appUrl);
  project.provide("templateDb", TEMPLATE_DB);
  return async () => {
    await stop();
  };
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
