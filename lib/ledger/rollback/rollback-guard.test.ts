import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { sealPending } from "../seal/seal-pending";
import { appendAccessEvents } from "../testing/ledger-fixtures";
import { assertNotRolledBack, checkRollback, recordIssuedCheckpoint } from "./rollback-guard";

let db: TTestDatabase;
let pool: LedgerPool;

beforeAll(async () => {
  process.env.HL_CHECKPOINT_STATE_FILE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-cp-")), "issued.json");
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 2);
  return () => pool.end();
});

describe("no silent rollback", () => {
  it("serves while the database's tree is at least the last issued checkpoint, and refuses after a restore", async () => {
    await appendAccessEvents(pool, 5);
    const first = (await sealPending({ pool })).lastBlock!;
    await recordIssuedCheckpoint(first, pool);
    expect(await checkRollback(pool)).toMatchObject({ ok: true, treeSize: 5, issuedTreeSize: 5 });

    // Back up the ledger as it is now, then let history move on and be issued.
    const su = await db.superuser();
    await su.query(
      `CREATE TABLE old_entry AS SELECT * FROM "LedgerEntry"; CREATE TABLE old_block AS SELECT * FROM "LedgerBlock"; CREATE TABLE old_tile AS SELECT * FROM "LedgerTile"`,
    );
    await appendAccessEvents(pool, 4, 100);
    const second = (await sealPending({ pool })).lastBlock!;
    await recordIssuedCheckpoint(second, pool);
    await recordIssuedCheckpoint(first, pool); // an older checkpoint never overwrites a newer one
    expect(await checkRollback(pool)).toMatchObject({ ok: true, treeSize: 9, issuedTreeSize: 9 });

    // "Restore the old backup" of the ledger tables, as an operator with superuser rights could.
    await su.query(`SET session_replication_role = replica;
      DELETE FROM "LedgerEntry"; INSERT INTO "LedgerEntry" SELECT * FROM old_entry;
      DELETE FROM "LedgerBlock"; INSERT INTO "LedgerBlock" SELECT * FROM old_block;
      DELETE FROM "LedgerTile"; INSERT INTO "LedgerTile" SELECT * FROM old_tile;`);
    const check = await checkRollback(pool);
    expect(check).toMatchObject({ ok: false, treeSize: 5, issuedTreeSize: 9 });
    await expect(assertNotRolledBack(pool)).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/older backup.*administrator/s),
    });
  });
});
