// Record tampering as a DBA could do it (raw SQL), each undone afterwards: verification must
// name the row, and deep mode must catch what only the keys reveal.
import type pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { verifyRecords } from "./verify-records";

let db: TTestDatabase;
let su: pg.Client;
let v: { id: string; recordId: string }[];
const undo: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.prisma, { patients: 3, staff: 0 });
  await sealPending();
  su = await db.superuser();
  v = (
    await su.query(
      `SELECT id, "recordId" FROM "RecordVersion" WHERE "resourceType" = 'Observation' ORDER BY id LIMIT 2`,
    )
  ).rows;
  await su.query(`CREATE TABLE backup AS SELECT * FROM "RecordVersion"`);
});

afterEach(async () => {
  await su.query(`DELETE FROM "RecordVersion"; INSERT INTO "RecordVersion" SELECT * FROM backup`);
  for (const sql of undo.splice(0)) await su.query(sql);
});

const problems = async (deep = false) => (await verifyRecords({ deep })).findings.map((f) => [f.rowId, f.code]);

describe("record integrity verification", () => {
  it("passes on untouched data, in both modes", async () => {
    expect(await verifyRecords()).toMatchObject({ ok: true, findingCount: 0 });
    expect(await verifyRecords({ deep: true })).toMatchObject({ ok: true, findingCount: 0, deep: true });
  });

  it("detects a changed ciphertext", async () => {
    await su.query(
      `UPDATE "RecordVersion" SET ciphertext = set_byte(ciphertext, 5, get_byte(ciphertext, 5) # 1) WHERE id = $1`,
      [v[0].id],
    );
    expect(await problems()).toEqual([[v[0].id, "ciphertext_hash"]]);
    expect(await problems(true)).toContainEqual([v[0].id, "decrypt"]);
  });

  it("detects ciphertexts swapped between two records, hash columns included", async () => {
    await su.query(
      `UPDATE "RecordVersion" a SET iv = b.iv, ciphertext = b.ciphertext, "ciphertextSha256" = b."ciphertextSha256"
         FROM backup b WHERE (a.id, b.id) IN (($1::uuid, $2::uuid), ($2::uuid, $1::uuid))`,
      [v[0].id, v[1].id],
    );
    const found = await problems();
    expect(found).toEqual(
      expect.arrayContaining([
        [v[0].id, "record_leaf"],
        [v[1].id, "record_leaf"],
      ]),
    );
    expect(await problems(true)).toContainEqual([v[1].id, "decrypt"]);
  });

  it("detects a deleted version", async () => {
    await su.query(`DELETE FROM "RecordVersion" WHERE id = $1`, [v[0].id]);
    const found = (await verifyRecords()).findings;
    expect(found).toContainEqual(
      expect.objectContaining({
        table: "Record",
        rowId: v[0].recordId,
        code: "version_missing",
        problem: "version 1 is missing (deleted)",
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        rowId: v[0].id,
        code: "anchored_version_deleted",
        problem: "anchored record version was deleted",
        index: expect.any(Number),
      }),
    );
  });

  it("detects a changed commitment, and deep mode re-derives it from the plaintext", async () => {
    await su.query(
      `UPDATE "RecordVersion" SET commitment = set_byte(commitment, 0, get_byte(commitment, 0) # 255) WHERE id = $1`,
      [v[1].id],
    );
    expect(await problems()).toEqual([[v[1].id, "record_leaf"]]);
    expect(await problems(true)).toContainEqual([v[1].id, "commitment"]);
  });
});
