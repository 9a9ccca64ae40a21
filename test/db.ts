// A fresh database per test file, cloned from the migrated template in milliseconds. The test
// connects as the app role (healthledger_app), exactly as the app does; tests that act as a DBA
// say so by asking for superuser() or ownerUrl.
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma";
import { OWNER_ROLE } from "@/lib/db/roles/role-names";

export type TTestDatabase = {
  /** The app role's connection string (also put into DATABASE_URL). */
  url: string;
  /** The schema owner's (healthledger_owner): migrations, grants, and tests that alter the schema. */
  ownerUrl: string;
  /** A superuser's, for tampering the way a DBA could. */
  superuserUrl: string;
  name: string;
  prisma: PrismaClient;
  superuser: () => Promise<pg.Client>;
};

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<TTestDatabase> {
  const adminUrl = inject("superuserUrl");
  const name = `hl_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDb")} OWNER ${OWNER_ROLE}`);
  // Database-level grants are not copied from a template: repeat lib/db/roles/grant-sql.ts's one.
  await admin.query(`REVOKE TEMPORARY ON DATABASE ${name} FROM PUBLIC`);
  await admin.end();
  const url = withDatabase(inject("appUrl"), name);
  process.env.DATABASE_URL = url;
  // Each database's own store of issued checkpoints, as each installation has (never .secrets/).
  process.env.HL_CHECKPOINT_STATE_FILE = path.join(os.tmpdir(), `${name}-issued-checkpoints.json`);
  const prisma = createPrismaClient(url);
  const clients: pg.Client[] = [];
  afterAll(async () => {
    await prisma.$disconnect();
    await Promise.all(clients.map((c) => c.end()));
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  });
  const superuserUrl = withDatabase(adminUrl, name);
  return {
    url,
    ownerUrl: withDatabase(inject("ownerUrl"), name),
    superuserUrl,
    name,
    prisma,
    /**
     * A raw superuser connection, for tests that tamper with rows the way a DBA could: with
     * triggers off (session_replication_role = replica), as a DBA bypassing the append-only
     * triggers would, so the tests show that verification still catches it. The app role can do
     * none of this (lib/db/roles/app-role.test.ts).
     */
    superuser: async () => {
      const c = new pg.Client({ connectionString: superuserUrl });
      await c.connect();
      await c.query("SET session_replication_role = replica");
      clients.push(c);
      return c;
    },
  };
}
