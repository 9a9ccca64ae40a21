// What someone who holds the app's database credentials (a compromised app server, a leaked
// DATABASE_URL) can do to the history. The append-only triggers only hold if that role can neither
// switch them off nor get around them, so every attack here must end in "permission denied" from
// PostgreSQL's privilege checks, while the app's own write path keeps working.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccessEvent } from "@/lib/access/record-access-event";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealBatch } from "@/lib/ledger/seal/seal-batch";
import { createTestDatabase, type TTestDatabase } from "@/test/db";

let db: TTestDatabase;
let app: pg.Client;
let pool: LedgerPool;
let eventId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  app = new pg.Client({ connectionString: db.url });
  await app.connect();
  pool = createLedgerPool(db.url);
  eventId = (await recordAccessEvent(db.prisma, { type: "rest", subtype: "read", action: "R", outcome: "0" })).id;
  await sealBatch({ pool });
});
afterAll(async () => {
  await app.end();
  await pool.end();
});

/** Runs sql as the app role in a transaction that is rolled back whatever happens. */
async function asApp(sql: string) {
  await app.query("BEGIN");
  try {
    return await app.query(sql);
  } finally {
    await app.query("ROLLBACK");
  }
}

const DENIED = /permission denied|must be owner|must be superuser|only roles with the SUPERUSER attribute/i;

describe("the app's database role", () => {
  it("is neither superuser nor owner of anything, and cannot bypass row security or create roles", async () => {
    const { rows } = await app.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolreplication: false,
    });
    const owned = await app.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user`,
    );
    expect(owned.rows[0].n).toBe(0);
    const member = await app.query(`SELECT pg_has_role(current_user, 'healthledger_owner', 'USAGE') AS m`);
    expect(member.rows[0].m).toBe(false);
  });

  it.each([
    ["update an access event", `UPDATE "AccessEvent" SET outcome = '8' WHERE id = '${"$ID"}'`],
    ["delete an access event", `DELETE FROM "AccessEvent" WHERE id = '${"$ID"}'`],
    ["update a ledger entry", `UPDATE "LedgerEntry" SET "leafHash" = '\\x00' WHERE "index" = 0`],
    ["delete a ledger entry", `DELETE FROM "LedgerEntry"`],
    ["update a ledger block", `UPDATE "LedgerBlock" SET checkpoint = 'forged' WHERE height = 0`],
    ["delete a ledger block", `DELETE FROM "LedgerBlock"`],
    ["delete a ledger tile", `DELETE FROM "LedgerTile"`],
    ["truncate the ledger entries", `TRUNCATE "LedgerEntry"`],
    ["truncate the ledger blocks", `TRUNCATE "LedgerBlock"`],
    ["truncate the ledger tiles", `TRUNCATE "LedgerTile"`],
    ["truncate the access events", `TRUNCATE "AccessEvent"`],
    ["disable an append-only trigger", `ALTER TABLE "AccessEvent" DISABLE TRIGGER "AccessEvent_append_only"`],
    ["disable every trigger of the ledger", `ALTER TABLE "LedgerEntry" DISABLE TRIGGER ALL`],
    ["drop an append-only trigger", `DROP TRIGGER "LedgerBlock_append_only" ON "LedgerBlock"`],
    [
      "replace the trigger function",
      `CREATE OR REPLACE FUNCTION history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`,
    ],
    ["turn triggers off for the session", `SET session_replication_role = replica`],
    ["create a table", `CREATE TABLE shadow (id int)`],
    ["create a temporary table", `CREATE TEMP TABLE shadow (id int)`],
    ["drop a table", `DROP TABLE "AccessEvent"`],
    [
      "add a trigger of its own",
      `CREATE TRIGGER t BEFORE INSERT ON "AccessEvent" FOR EACH ROW EXECUTE FUNCTION history_refuse_change()`,
    ],
    ["make itself superuser", `ALTER ROLE current_user SUPERUSER`],
    ["give itself BYPASSRLS", `ALTER ROLE current_user BYPASSRLS`],
    ["create a role", `CREATE ROLE intruder LOGIN`],
    ["read password hashes from pg_authid", `SELECT rolpassword FROM pg_authid`],
    ["rewrite the migration history", `DELETE FROM "_prisma_migrations"`],
  ])("cannot %s", async (_what, sql) => {
    await expect(asApp(sql.replace("$ID", eventId))).rejects.toThrow(DENIED);
  });

  it("still records access events and seals them into the ledger", async () => {
    await recordAccessEvent(db.prisma, { type: "rest", subtype: "read", action: "R", outcome: "4" });
    const sealed = await sealBatch({ pool });
    expect(sealed).toMatchObject({ locked: true, sealed: 1, refused: 0 });
    const { rows } = await app.query(`SELECT count(*)::int AS n FROM "LedgerEntry"`);
    expect(rows[0].n).toBe(2);
    const kept = await app.query(`SELECT outcome FROM "AccessEvent" WHERE id = $1`, [eventId]);
    expect(kept.rows).toEqual([{ outcome: "0" }]);
  });
});
