import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { APP_ROLE } from "./role-names";
import { renderGrantSql } from "./grant-sql";
import { TABLE_PRIVILEGES, type TTablePrivileges } from "./table-privileges";

let owner: pg.Client;

beforeAll(async () => {
  const db = await createTestDatabase();
  // The owner sees every table and may ask about the app role's privileges on each.
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(() => owner.end());

const classified = Object.keys(TABLE_PRIVILEGES).sort();

describe("the classified table list", () => {
  it("names every table of the migrated schema, and no table the schema lacks", async () => {
    const { rows } = await owner.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    // A new model needs a class in lib/db/roles/table-privileges.ts before the app may touch it.
    expect(rows.map((r) => r.t).sort()).toEqual(classified);
  });

  it("is what the app role holds after the migrations' grants: nothing more, nothing less", async () => {
    for (const [table, p] of Object.entries(TABLE_PRIVILEGES) as [string, TTablePrivileges][]) {
      const { rows } = await owner.query(
        `SELECT ${["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"]
          .map((priv) => `has_table_privilege($1, $2, '${priv}') AS "${priv}"`)
          .join(", ")}`,
        [APP_ROLE, `public."${table}"`],
      );
      const none = p.class === "migrations";
      expect(rows[0], table).toEqual({
        SELECT: !none,
        INSERT: !none,
        UPDATE: p.update === "all",
        DELETE: !!p.delete,
        TRUNCATE: false,
        REFERENCES: false,
        TRIGGER: false,
      });
      const columns = await owner.query<{ c: string }>(
        `SELECT attname AS c FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
           AND has_column_privilege($2, attrelid, attnum, 'UPDATE') ORDER BY attname`,
        [`public."${table}"`, APP_ROLE],
      );
      if (p.update !== "all")
        expect(
          columns.rows.map((r) => r.c),
          table,
        ).toEqual([...(p.update ?? [])].sort());
    }
  });

  it("gives the history tables SELECT and INSERT only, except the one column erasure may clear", () => {
    for (const [table, p] of Object.entries(TABLE_PRIVILEGES) as [string, TTablePrivileges][]) {
      if (p.class !== "history" && p.class !== "ledger") continue;
      expect(p.delete, table).toBeUndefined();
      expect(p.update === undefined || (p.update !== "all" && p.update.length <= 2), table).toBe(true);
      if (p.update) expect(p.why, table).toBeTruthy();
    }
  });

  it("renders no TRUNCATE, REFERENCES, TRIGGER or CREATE for the app, and no default privileges", () => {
    const sql = renderGrantSql({ appRole: APP_ROLE, database: "healthledger", serverVersionNum: 180000 }).join("\n");
    const grants = sql.split("\n").filter((l) => l.startsWith("GRANT"));
    expect(grants.join("\n")).not.toMatch(/TRUNCATE|REFERENCES|TRIGGER|CREATE|ALL PRIVILEGES|GRANT ALL/);
    expect(sql).not.toMatch(/DEFAULT PRIVILEGES/);
    expect(renderGrantSql({ appRole: APP_ROLE, database: "h", serverVersionNum: 160000 }).join("\n")).not.toMatch(
      /MAINTAIN/,
    );
    expect(() => renderGrantSql({ appRole: 'x"; DROP', database: "h", serverVersionNum: 180000 })).toThrow(/role name/);
  });
});
