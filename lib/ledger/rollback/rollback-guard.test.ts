import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { sealPending } from "../seal/seal-pending";
import { appendAccessEvents } from "../testing/ledger-fixtures";
import { localFileStore } from "./local-file-store";
import { recordSealedCheckpoint } from "./record-checkpoint";
import { assertNotRolledBack, checkRollback } from "./rollback-guard";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-cp-"));
const stateFile = (name: string) => path.join(dir, name);

async function freshLedger(): Promise<{ db: TTestDatabase; pool: LedgerPool }> {
  const db = await createTestDatabase();
  const pool = createLedgerPool(db.url, 2);
  return { db, pool };
}

/** Seal what is queued and remember it, as the app's sequencer does after each seal. */
async function sealAndRecord(pool: LedgerPool, file: string, createdLog = false) {
  const block = (await sealPending({ pool })).lastBlock!;
  return recordSealedCheckpoint({ block, createdLog, pool, stores: [localFileStore(file)] });
}

let a: { db: TTestDatabase; pool: LedgerPool };
beforeAll(async () => {
  a = await freshLedger();
  return () => a.pool.end();
});

describe("no silent rollback", () => {
  it("trusts a brand-new ledger and the genesis its own seal made, then refuses after a restore", async () => {
    const file = stateFile("restore.json");
    const stores = [localFileStore(file)];
    expect(await checkRollback(a.pool, stores)).toMatchObject({ ok: true, state: "empty" });
    await appendAccessEvents(a.pool, 5);
    expect(await sealAndRecord(a.pool, file, true)).toBe("first");
    expect(await checkRollback(a.pool, stores)).toMatchObject({ ok: true, treeSize: 5, issuedTreeSize: 5 });

    // Back up the ledger as it is now, then let history move on and be issued.
    const su = await a.db.superuser();
    await su.query(
      `CREATE TABLE old_entry AS SELECT * FROM "LedgerEntry"; CREATE TABLE old_block AS SELECT * FROM "LedgerBlock"; CREATE TABLE old_tile AS SELECT * FROM "LedgerTile"`,
    );
    await appendAccessEvents(a.pool, 4, 100);
    expect(await sealAndRecord(a.pool, file)).toBe("recorded");
    expect(await checkRollback(a.pool, stores)).toMatchObject({ ok: true, treeSize: 9, issuedTreeSize: 9 });

    // "Restore the old backup" of the ledger tables, as an operator with superuser rights could.
    await su.query(`DELETE FROM "LedgerEntry"; INSERT INTO "LedgerEntry" SELECT * FROM old_entry;
      DELETE FROM "LedgerBlock"; INSERT INTO "LedgerBlock" SELECT * FROM old_block;
      DELETE FROM "LedgerTile"; INSERT INTO "LedgerTile" SELECT * FROM old_tile;`);
    expect(await checkRollback(a.pool, stores)).toMatchObject({
      ok: false,
      state: "behind",
      treeSize: 5,
      issuedTreeSize: 9,
    });

    // History sealed on top of the restored backup never overwrites the state that exposes it,
    // and once it grows past the issued size it contradicts the checkpoint instead.
    await appendAccessEvents(a.pool, 6, 200);
    expect(await sealAndRecord(a.pool, file)).toBe("refused");
    expect(await checkRollback(a.pool, stores)).toMatchObject({ ok: false, state: "diverged", treeSize: 11 });

    process.env.HL_CHECKPOINT_STATE_FILE = file;
    await expect(assertNotRolledBack(a.pool)).rejects.toMatchObject({
      code: "ledger_untrusted",
      message: expect.stringMatching(/history differs.*re-trust/s),
    });
  });

  it("does not write back a state file removed between the guard's read and the seal's write", async () => {
    const c = await freshLedger();
    const file = stateFile("removed-mid-seal.json");
    await appendAccessEvents(c.pool, 3);
    const first = (await sealPending({ pool: c.pool })).lastBlock!;
    expect(
      await recordSealedCheckpoint({ block: first, createdLog: true, pool: c.pool, stores: [localFileStore(file)] }),
    ).toBe("first");
    // The store is read by the guard, then (as an operator moving it aside would) removed before the
    // seal records the next checkpoint: recording must not bring it back.
    const inner = localFileStore(file);
    const racing = {
      ...inner,
      async latest(logId: string) {
        const seen = await inner.latest(logId);
        fs.rmSync(file);
        return seen;
      },
    };
    await appendAccessEvents(c.pool, 2, 50);
    const next = (await sealPending({ pool: c.pool })).lastBlock!;
    expect(await recordSealedCheckpoint({ block: next, createdLog: false, pool: c.pool, stores: [racing] })).toBe(
      "refused",
    );
    expect(fs.existsSync(file)).toBe(false);
    await c.pool.end();
  });

  it("fails closed when the state file is missing for a ledger that exists", async () => {
    const b = await freshLedger();
    await appendAccessEvents(b.pool, 5);
    await sealPending({ pool: b.pool });
    const stores = [localFileStore(stateFile("never-written.json"))];
    expect(await checkRollback(b.pool, stores)).toMatchObject({ ok: false, state: "untrusted", treeSize: 5 });
    // A later seal that did not begin the ledger does not make it trusted either.
    await appendAccessEvents(b.pool, 1, 50);
    expect(await sealAndRecord(b.pool, stateFile("never-written.json"))).toBe("refused");
    process.env.HL_CHECKPOINT_STATE_FILE = stateFile("never-written.json");
    await expect(assertNotRolledBack(b.pool)).rejects.toMatchObject({
      code: "ledger_untrusted",
      message: expect.stringMatching(/knows no checkpoint/),
    });
    await b.pool.end();
  });

  it("fails closed when the ledger was rewritten from a new genesis block, without a restart", async () => {
    const b = await freshLedger();
    const file = stateFile("genesis.json");
    const stores = [localFileStore(file)];
    await appendAccessEvents(b.pool, 3);
    await sealAndRecord(b.pool, file, true);
    expect(await checkRollback(b.pool, stores)).toMatchObject({ ok: true, treeSize: 3 });
    const su = await b.db.superuser();
    await su.query(
      `DELETE FROM "LedgerEntry"; DELETE FROM "LedgerBlock"; DELETE FROM "LedgerTile"; DELETE FROM "AccessEvent"`,
    );
    await appendAccessEvents(b.pool, 7, 50);
    await sealPending({ pool: b.pool });
    expect(await checkRollback(b.pool, stores)).toMatchObject({ ok: false, state: "untrusted", treeSize: 7 });
    await b.pool.end();
  });

  it("fails closed when the state file cannot be read", async () => {
    const file = stateFile("damaged.json");
    fs.writeFileSync(file, '{"version":1,"logs":{"x":1}}');
    expect(await checkRollback(a.pool, [localFileStore(file)])).toMatchObject({ ok: false, state: "store_error" });
  });
});
