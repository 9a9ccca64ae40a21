import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { withTransaction } from "./with-transaction";

let pool: pg.Pool;
let url: string;

beforeAll(async () => {
  const db = await createTestDatabase();
  // A probe table of its own, which only the schema's owner may create.
  url = db.ownerUrl;
  pool = new pg.Pool({ connectionString: url, max: 1 });
  await pool.query("CREATE TABLE tx_probe (n int)");
});
afterAll(() => pool.end());

describe("withTransaction", () => {
  it("commits what fn wrote and returns its result", async () => {
    expect(await withTransaction(pool, async (c) => (await c.query("INSERT INTO tx_probe VALUES (1)")).rowCount)).toBe(
      1,
    );
    expect((await pool.query("SELECT n FROM tx_probe")).rows).toEqual([{ n: 1 }]);
  });

  it("rolls back everything fn wrote when it throws, rethrows, and gives the connection back", async () => {
    const failure = new Error("refused");
    await expect(
      withTransaction(pool, async (c) => {
        await c.query("INSERT INTO tx_probe VALUES (2)");
        throw failure;
      }),
    ).rejects.toBe(failure);
    // The pool has one connection: this only runs if it was released, outside any transaction.
    expect((await pool.query("SELECT n FROM tx_probe ORDER BY n")).rows).toEqual([{ n: 1 }]);
  });

  it("opens the transaction with the isolation level and read-only mode asked for", async () => {
    const settings = await withTransaction(
      pool,
      async (c) =>
        (
          await c.query(
            "SELECT current_setting('transaction_isolation') AS i, current_setting('transaction_read_only') AS r",
          )
        ).rows[0],
      { isolation: "REPEATABLE READ", readOnly: true },
    );
    expect(settings).toEqual({ i: "repeatable read", r: "on" });
    await expect(
      withTransaction(pool, (c) => c.query("INSERT INTO tx_probe VALUES (3)"), { readOnly: true }),
    ).rejects.toThrow(/read-only/);
  });

  it("reads in a snapshot exported by another open transaction", async () => {
    const two = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const seen = await withTransaction(
        two,
        async (exporter) => {
          const { rows } = await exporter.query("SELECT pg_export_snapshot() AS s");
          await pool.query("INSERT INTO tx_probe VALUES (4)"); // committed after the snapshot
          return withTransaction(two, async (c) => (await c.query("SELECT n FROM tx_probe ORDER BY n")).rows, {
            isolation: "REPEATABLE READ",
            snapshot: rows[0].s,
          });
        },
        { isolation: "REPEATABLE READ" },
      );
      expect(seen).toEqual([{ n: 1 }]);
    } finally {
      await two.end();
    }
  });
});
