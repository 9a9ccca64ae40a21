import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { createLedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { createTestDatabase, type TTestDatabase } from "@/test/db";

const run = promisify(execFile);
let db: TTestDatabase;

async function cli(...args: string[]) {
  try {
    const { stdout } = await run(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "bin/healthledger.ts", ...args],
      {
        env: { ...process.env, DATABASE_URL: db.url },
      },
    );
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  const pool = createLedgerPool(db.url, 2);
  await appendAccessEvents(pool, 300);
  await sealPending({ pool });
  await pool.end();
});

describe("healthledger verify", () => {
  it("exits 0 with ok JSON on an untouched ledger, and records the run", async () => {
    const r = await cli("verify", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, treeSize: 300, findings: [] });
    expect(await db.prisma.verificationRun.count({ where: { ok: true } })).toBe(1);
  });

  it("exits 1 and names the table, row and index of a modified row", async () => {
    const su = await db.superuser();
    const { rows } = await su.query(
      `SELECT "index", "rowId" FROM "LedgerEntry" WHERE kind = 'access_event' ORDER BY "index" LIMIT 1 OFFSET 42`,
    );
    await su.query(`UPDATE "AccessEvent" SET outcome = '8' WHERE id = $1`, [rows[0].rowId]);
    const r = await cli("verify", "--json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.findings).toEqual([
      expect.objectContaining({
        index: Number(rows[0].index),
        table: "AccessEvent",
        rowId: rows[0].rowId,
        code: "leaf_mismatch",
      }),
    ]);
  });
});
