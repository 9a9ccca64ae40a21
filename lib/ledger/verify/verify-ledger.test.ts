// Tamper detection: every test clones one sealed ledger, changes it the way a DBA with superuser
// rights could (triggers disabled), and checks that verification names the exact row / index.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { recordAccessEvent } from "@/lib/access/record-access-event";
import { enqueueLeaf } from "../seal/enqueue-leaf";
import { LEAF_KINDS, leafHashFor } from "../kinds";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { logKeysFrom } from "../log-keys";
import { generateSignerKey } from "../tlog/note";
import { notarizeDocument } from "../notarize-document";
import { runVerification } from "./run-verification";
import { sealPending } from "../seal/seal-pending";
import { appendAccessEvents, insertQueueEntries } from "../testing/ledger-fixtures";
import { rehashInWorkers } from "./rehash-workers";
import { verifyLedger, type TFinding } from "./verify-ledger";
import { OWNER_ROLE } from "@/lib/db/roles/role-names";

let sourceDb: string;
const opened: { pool: LedgerPool; su: pg.Client; name: string }[] = [];

/** The app role's connection to a database, or (as: "superuserUrl") a DBA's. */
function urlFor(name: string, as: "appUrl" | "superuserUrl" = "appUrl") {
  const u = new URL(inject(as));
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: inject("superuserUrl") });
  await admin.connect();
  await admin.query(sql);
  await admin.end();
}

/** A private copy of the sealed ledger, plus a superuser connection with triggers disabled. */
async function tamperable() {
  const name = `hl_test_tamper_${crypto.randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${sourceDb} OWNER ${OWNER_ROLE}`);
  const pool = createLedgerPool(urlFor(name));
  const su = new pg.Client({ connectionString: urlFor(name, "superuserUrl") });
  await su.connect();
  await su.query("SET session_replication_role = replica");
  opened.push({ pool, su, name });
  const entry = async (offset: number) =>
    (
      await su.query(
        `SELECT "index"::int AS index, "rowId" FROM "LedgerEntry" WHERE kind = 'access_event' ORDER BY "index" OFFSET $1 LIMIT 1`,
        [offset],
      )
    ).rows[0] as { index: number; rowId: string };
  return { pool, su, entry };
}

const strip = (f: TFinding[]) =>
  f.map(({ index, table, rowId, blockHeight, code }) => ({ index, table, rowId, blockHeight, code }));

beforeAll(async () => {
  const db = await createTestDatabase();
  const pool = createLedgerPool(db.url);
  await recordAccessEvent(db.prisma, {
    type: "110114",
    subtype: "110122",
    action: "E",
    outcome: "4",
    outcomeDesc: "wrong password",
  });
  await appendAccessEvents(pool, 300);
  await sealPending({ pool, maxRows: 100 });
  await notarizeDocument({
    prisma: db.prisma,
    title: "cohort-2026.csv",
    sha256: crypto.createHash("sha256").update("cohort").digest(),
  });
  const su = await db.superuser();
  await su.query("BEGIN");
  const action = await su.query(
    `INSERT INTO "AdminAction" (id, "actorId", action, details) VALUES (gen_random_uuid(), gen_random_uuid(), 'user.disable', '{"reason":"left","n":1}') RETURNING *`,
  );
  await enqueueLeaf(su, { kind: "admin_action", row: action.rows[0] });
  await su.query("COMMIT");
  await appendAccessEvents(pool, 400, 300);
  await sealPending({ pool, maxRows: 128 });
  const first = await runVerification({ pool });
  expect(first).toMatchObject({ ok: true, findingCount: 0 });
  await sealPending({ pool });
  await pool.end();
  await db.prisma.$disconnect();
  await su.end();
  sourceDb = db.name;
}, 60_000);

afterAll(async () => {
  for (const o of opened) {
    await o.pool.end();
    await o.su.end();
    await adminQuery(`DROP DATABASE IF EXISTS ${o.name} WITH (FORCE)`);
  }
});

// Both ways of reading: on this thread, and in worker threads (as the CLI does), which take
// batches in turn; small batches make every worker take several.
describe.each([
  { mode: "on this thread", workers: 0 },
  { mode: "in two worker threads", workers: 2 },
])("verifyLedger $mode", ({ workers }) => {
  it("passes an untouched ledger, including the anchored verification run itself", async () => {
    const { pool, su } = await tamperable();
    const progress: number[] = [];
    const r = await verifyLedger({
      pool,
      startWorkers: rehashInWorkers(pool, workers),
      batchSize: 128,
      onProgress: (done) => progress.push(done),
    });
    expect(r.findings).toEqual([]);
    expect(r).toMatchObject({ ok: true, treeSize: 704, entriesVerified: 704, findingCount: 0 });
    expect(progress.at(-1)).toBe(704);
    const kinds = await su.query(`SELECT kind, count(*)::int AS n FROM "LedgerEntry" GROUP BY kind ORDER BY kind`);
    expect(kinds.rows).toEqual([
      { kind: "access_event", n: 701 },
      { kind: "admin_action", n: 1 },
      { kind: "integrity_run", n: 1 },
      { kind: "notarized_document", n: 1 },
    ]);
  });

  it("locates an updated anchored row", async () => {
    const { pool, su, entry } = await tamperable();
    const e = await entry(150);
    await su.query(`UPDATE "AccessEvent" SET "actorRole" = 'ADMIN', network = '10.9.9.9' WHERE id = $1`, [e.rowId]);
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(r.ok).toBe(false);
    expect(r.findings).toEqual([
      expect.objectContaining({
        index: e.index,
        table: "AccessEvent",
        rowId: e.rowId,
        code: "leaf_mismatch",
      }),
    ]);
  });

  it("locates a deleted anchored row", async () => {
    const { pool, su, entry } = await tamperable();
    const e = await entry(10);
    await su.query(`DELETE FROM "AccessEvent" WHERE id = $1`, [e.rowId]);
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(r.findings).toEqual([
      expect.objectContaining({
        index: e.index,
        table: "AccessEvent",
        rowId: e.rowId,
        code: "row_missing",
      }),
    ]);
  });

  it("finds a row inserted behind the ledger's back", async () => {
    const { pool, su } = await tamperable();
    const { rows } = await su.query(
      `INSERT INTO "NotarizedDocument" (id, title, sha256) VALUES (gen_random_uuid(), 'backdated', '\\x00') RETURNING id`,
    );
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(strip(r.findings)).toEqual([
      { index: null, table: "NotarizedDocument", rowId: rows[0].id, blockHeight: null, code: "unanchored_row" },
    ]);
  });

  it("counts queued rows as anchored, a sealed row queued again too, and still finds one inserted behind the ledger's back", async () => {
    const { pool, su, entry } = await tamperable();
    await appendAccessEvents(pool, 3, 9_000);
    const e = await entry(5);
    await su.query(
      `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt") SELECT kind, "rowId", "leafHash", '\\x', now() FROM "LedgerEntry" WHERE "index" = $1`,
      [e.index],
    );
    const clean = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(clean.findings).toEqual([]);
    const { rows } = await su.query(
      `INSERT INTO "AccessEvent" (id, type, subtype, action, outcome, "requestId") VALUES (gen_random_uuid(), 'rest', 'read', 'R', '0', 'r') RETURNING id`,
    );
    // A queued NULL (a superuser can drop the NOT NULL) must not hide it.
    await su.query(`ALTER TABLE "LedgerQueue" ALTER COLUMN "rowId" DROP NOT NULL`);
    await su.query(
      `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt") VALUES ('access_event', NULL, sha256('x'), '\\x', now())`,
    );
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(strip(r.findings)).toEqual([
      { index: null, table: "AccessEvent", rowId: rows[0].id, blockHeight: null, code: "unanchored_row" },
    ]);
  });

  it("locates two reordered entries (rowIds swapped)", async () => {
    const { pool, su, entry } = await tamperable();
    const a = await entry(20);
    const b = await entry(400);
    await su.query(`UPDATE "LedgerEntry" SET "rowId" = '00000000-0000-0000-0000-000000000000' WHERE "index" = $1`, [
      a.index,
    ]);
    await su.query(`UPDATE "LedgerEntry" SET "rowId" = $1 WHERE "index" = $2`, [a.rowId, b.index]);
    await su.query(`UPDATE "LedgerEntry" SET "rowId" = $1 WHERE "index" = $2`, [b.rowId, a.index]);
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(r.findings.map((f) => [f.index, f.rowId, f.table, f.code])).toEqual([
      [a.index, b.rowId, "AccessEvent", "leaf_mismatch"],
      [b.index, a.rowId, "AccessEvent", "leaf_mismatch"],
    ]);
  });

  it("locates a changed stored leaf hash", async () => {
    const { pool, su, entry } = await tamperable();
    const e = await entry(333);
    await su.query(`UPDATE "LedgerEntry" SET "leafHash" = sha256('forged') WHERE "index" = $1`, [e.index]);
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(r.findings).toEqual([
      expect.objectContaining({
        index: e.index,
        table: "LedgerEntry",
        rowId: e.rowId,
        code: "entry_mismatch",
      }),
    ]);
  });

  it("locates a stored leaf hash cut short, an entry whose kind was renamed and one whose kind was set to NULL", async () => {
    const { pool, su, entry } = await tamperable();
    const short = await entry(50);
    const renamed = await entry(260);
    const nulled = await entry(400);
    // A superuser can drop the constraints that would refuse these.
    await su.query(
      `ALTER TABLE "LedgerEntry" DROP CONSTRAINT "LedgerEntry_leafHash_len", ALTER COLUMN kind DROP NOT NULL`,
    );
    await su.query(`UPDATE "LedgerEntry" SET "leafHash" = substring("leafHash" FROM 1 FOR 16) WHERE "index" = $1`, [
      short.index,
    ]);
    await su.query(`UPDATE "LedgerEntry" SET kind = 'mystery' WHERE "index" = $1`, [renamed.index]);
    await su.query(`UPDATE "LedgerEntry" SET kind = NULL WHERE "index" = $1`, [nulled.index]);
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    const byEntry = r.findings.filter((f) => f.index !== null);
    expect(byEntry.map((f) => [f.index, f.table, f.rowId, f.code])).toEqual([
      [short.index, "LedgerEntry", short.rowId, "stored_malformed"],
      [renamed.index, "LedgerEntry", renamed.rowId, "unknown_kind"],
      [nulled.index, "LedgerEntry", nulled.rowId, "unknown_kind"],
    ]);
    expect(byEntry[1].problem).toMatch(/unknown ledger kind "mystery"/);
    expect(byEntry[2].problem).toMatch(/unknown ledger kind ""/);
    // Their rows are no longer anchored as access events either.
    const unanchored = r.findings.filter((f) => f.index === null);
    expect(unanchored.map((f) => [f.table, f.rowId, f.code]).sort()).toEqual(
      [
        ["AccessEvent", renamed.rowId, "unanchored_row"],
        ["AccessEvent", nulled.rowId, "unanchored_row"],
      ].sort(),
    );
  });

  it("locates a changed byte in a level-0 tile and in a level-1 tile", async () => {
    const { pool, su } = await tamperable();
    await su.query(
      `UPDATE "LedgerTile" SET hashes = set_byte(hashes, 32 * 5 + 7, get_byte(hashes, 32 * 5 + 7) # 255) WHERE level = 0 AND "index" = 1`,
    );
    await su.query(
      `UPDATE "LedgerTile" SET hashes = set_byte(hashes, 40, get_byte(hashes, 40) # 1) WHERE level = 1 AND "index" = 0`,
    );
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(r.findings).toEqual([
      expect.objectContaining({ index: 256 + 5, table: "LedgerTile", code: "tile_mismatch" }),
      expect.objectContaining({
        index: null,
        table: "LedgerTile",
        code: "tile_mismatch",
        problem: expect.stringMatching(/^tile 1\/0 .*hash 1 \(leaves 256–511\)/),
      }),
    ]);
  });

  it("locates a changed block root, prevHash and checkpoint signature to their blocks", async () => {
    const { pool, su } = await tamperable();
    await su.query(`UPDATE "LedgerBlock" SET "rootHash" = sha256('x') WHERE height = 2`);
    await su.query(`UPDATE "LedgerBlock" SET "prevHash" = sha256('y') WHERE height = 4`);
    // Flip one base64 character of the signature line, keeping it well-formed.
    await su.query(
      `UPDATE "LedgerBlock" SET checkpoint = regexp_replace(checkpoint, '(— \\S+ ....)(.)', '\\1' || CASE WHEN substring(checkpoint from '— \\S+ ....(.)') = 'A' THEN 'B' ELSE 'A' END) WHERE height = 6`,
    );
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    const byBlock = (h: number) => r.findings.filter((f) => f.blockHeight === h).map((f) => f.code);
    expect(new Set(r.findings.map((f) => f.blockHeight))).toEqual(new Set([2, 4, 6]));
    expect(r.findings.every((f) => f.table === "LedgerBlock" && f.index === null)).toBe(true);
    expect(byBlock(2)).toEqual(expect.arrayContaining(["root_mismatch", "block_hash"]));
    expect(byBlock(4)).toEqual(["block_link", "block_hash"]);
    expect(byBlock(6)).toEqual(["block_hash", "signature"]);
  });

  it("locates a missing ledger entry (index gap)", async () => {
    const { pool, su, entry } = await tamperable();
    const e = await entry(77);
    await su.query(`DELETE FROM "LedgerEntry" WHERE "index" = $1`, [e.index]);
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(strip(r.findings)).toEqual([
      { index: e.index, table: "LedgerEntry", rowId: null, blockHeight: null, code: "entry_gap" },
      { index: null, table: "AccessEvent", rowId: e.rowId, blockHeight: null, code: "unanchored_row" },
    ]);
  });

  it("detects a truncated tail and names the rows that fell out of the ledger", async () => {
    const { pool, su } = await tamperable();
    const cut = (await su.query(`SELECT "treeSize"::int AS n FROM "LedgerBlock" WHERE height = 3`)).rows[0].n;
    const lost = await su.query(`SELECT kind, "rowId" FROM "LedgerEntry" WHERE "index" >= $1`, [cut]);
    await su.query(`DELETE FROM "LedgerEntry" WHERE "index" >= $1`, [cut]);
    await su.query(`DELETE FROM "LedgerBlock" WHERE height > 3`);
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), maxFindings: 5_000 });
    expect(r.treeSize).toBe(cut);
    const unanchored = r.findings.filter((f) => f.code === "unanchored_row").map((f) => f.rowId);
    // The verification run that was anchored in the lost tail is among them.
    expect(new Set(unanchored)).toEqual(new Set(lost.rows.map((x) => x.rowId)));
    expect(r.findings.some((f) => f.table === "LedgerTile" && f.code === "tile_beyond_tree")).toBe(true);
    expect(
      r.findings.some(
        (f) => f.table === "VerificationRun" && f.code === "rollback" && /saw tree size 703\b/.test(f.problem),
      ),
    ).toBe(true);
  });

  it("detects a rewritten history signed with another key, block by block", async () => {
    const { pool, su } = await tamperable();
    await su.query(`TRUNCATE "LedgerEntry", "LedgerTile", "LedgerBlock", "LedgerQueue"`);
    // This insider holds the writer key too (they are rewriting everything), so their entries are sealed.
    for (const kind of Object.values(LEAF_KINDS)) {
      const { rows } = await su.query(`SELECT * FROM "${kind.table}"`);
      await insertQueueEntries(
        su,
        rows.map((row) => ({ kind: kind.kind, rowId: row.id, leafHash: leafHashFor(kind, row) })),
      );
    }
    const forger = logKeysFrom({
      origin: "healthledger.test/log",
      signingKey: generateSignerKey("healthledger.test/log").signerKey,
    });
    const forged = await sealPending({ pool, keys: forger, maxRows: 100 });
    expect(forged.sealed).toBe(704);
    const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool, workers), batchSize: 200 });
    expect(r.findingCount).toBe(forged.blocks);
    expect(r.findings.map((f) => f.blockHeight)).toEqual(Array.from({ length: forged.blocks }, (_, i) => i));
    expect(r.findings.every((f) => f.code === "signature")).toBe(true);
  });
});
