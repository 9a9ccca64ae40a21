// A fresh database per test file, cloned from the migrated template in milliseconds.
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma";

export type TTestDatabase = { url: string; name: string; prisma: PrismaClient; superuser: () => Promise<pg.Client> };

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<TTestDatabase> {
  const adminUrl = inject("adminUrl");
  const name = `hl_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDb")}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
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
  return {
    url,
    name,
    prisma,
    /**
     * A raw superuser connection, for tests that tamper with rows the way a DBA could: with
     * triggers off (session_replication_role = replica), as a DBA bypassing the append-only
     * triggers would, so the tests show that verification still catches it.
     */
    superuser: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query("SET session_replication_role = replica");
      clients.push(c);
      return c;
    },
  };
}
