import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { withTransaction } from "./with-transaction";

let pool: pg.Pool;

beforeAll(async () => {
  const db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 1 });
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
});
