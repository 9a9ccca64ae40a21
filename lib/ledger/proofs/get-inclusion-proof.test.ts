import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { openCheckpoint } from "../tlog/checkpoint";
import { getCheckpoint } from "./get-checkpoint";
import { getConsistencyProof } from "./get-consistency-proof";
import { getInclusionProof, getInclusionProofForRow } from "./get-inclusion-proof";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { getBlock, listBlocks } from "./list-blocks";
import { getLogKeys } from "../log-keys";
import { rootFromLeaves } from "../tlog/merkle";
import { verifyConsistency, verifyInclusion } from "../tlog/proof";
import { sealPending } from "../seal/seal-pending";
import { appendAccessEvents } from "../testing/ledger-fixtures";
import { upperTileCacheFor } from "./upper-tile-cache";

let db: TTestDatabase;
let pool: LedgerPool;
let leaves: Uint8Array[];
let blockSizes: number[];
const roots = new Map<number, Uint8Array>();
const rootAt = (n: number) => {
  if (!roots.has(n)) roots.set(n, rootFromLeaves(leaves.slice(0, n)));
  return roots.get(n)!;
};

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  // Batches chosen so blocks end mid-tile, on tile boundaries, and past 65,536 (level-2 tiles).
  for (const n of [1, 2, 253, 256, 300, 1, 65_000, 1_000]) {
    await appendAccessEvents(pool, n);
    await sealPending({ pool });
  }
  const { rows } = await pool.query(`SELECT "leafHash" FROM "LedgerEntry" ORDER BY "index"`);
  leaves = rows.map((r) => new Uint8Array(r.leafHash));
  blockSizes = (await pool.query(`SELECT "treeSize"::int AS n FROM "LedgerBlock" ORDER BY height`)).rows.map(
    (r) => r.n,
  );
}, 120_000);
afterAll(async () => {
  await pool.end();
});

describe("proofs from the database", () => {
  it("serves inclusion proofs that verify against the reference root, at block and non-block sizes", async () => {
    const total = leaves.length;
    expect(total).toBe(66_813);
    const cases: [number, number][] = [
      [0, 1],
      [0, 3],
      [2, 3],
      [255, 256],
      [511, 512],
      [256, 1000],
      [65_535, 65_536],
      [65_536, 66_000],
      [70, total],
      [total - 1, total],
    ];
    for (const size of blockSizes) cases.push([size - 1, size], [Math.floor(size / 2), size]);
    for (const [index, treeSize] of cases) {
      const p = await getInclusionProof({ pool, index, treeSize });
      expect(p.leafHash).toEqual(leaves[index]);
      expect(p.head.rootHash).toEqual(rootAt(treeSize));
      expect(
        verifyInclusion({ leafHash: leaves[index], index, treeSize, proof: p.proof, root: rootAt(treeSize) }),
      ).toBe(true);
      expect(p.head.checkpoint !== null).toBe(blockSizes.includes(treeSize));
    }
  });

  it("keeps full upper tiles in memory, and reads them again when a kept one no longer fits the root", async () => {
    const total = leaves.length;
    const cache = upperTileCacheFor(pool);
    cache.clear();
    await getInclusionProof({ pool, index: 70, treeSize: total }); // needs level-1 tile 0, full
    const kept = cache.get(1, 0);
    expect(kept?.length).toBe(256 * 32);
    cache.offer(1, 0, new Uint8Array(256 * 32).fill(7)); // as if the database had been replaced
    const p = await getInclusionProof({ pool, index: 70, treeSize: total });
    expect(
      verifyInclusion({ leafHash: leaves[70], index: 70, treeSize: total, proof: p.proof, root: rootAt(total) }),
    ).toBe(true);
    expect(cache.get(1, 0)).toEqual(kept);
  });

  it("serves consistency proofs between any two sizes", async () => {
    const sizes = [0, 1, 2, 3, 256, 257, 512, 600, 65_536, 65_537, leaves.length, ...blockSizes];
    for (const oldSize of sizes) {
      for (const newSize of [oldSize, 513, 65_536, leaves.length]) {
        if (newSize < oldSize) continue;
        const p = await getConsistencyProof({ pool, oldSize, newSize });
        expect(
          verifyConsistency({ oldSize, newSize, oldRoot: rootAt(oldSize), newRoot: rootAt(newSize), proof: p.proof }),
        ).toBe(true);
      }
    }
  });

  it("finds proofs by anchored row and reports rows that are not sealed", async () => {
    const { rows } = await pool.query(`SELECT "rowId" FROM "LedgerEntry" WHERE "index" = 777`);
    const p = await getInclusionProofForRow({ pool, kind: "access_event", rowId: rows[0].rowId });
    expect(p).toMatchObject({ index: 777, treeSize: leaves.length });
    const [queued] = await appendAccessEvents(pool, 1, 5);
    await expect(
      getInclusionProofForRow({ pool, kind: "access_event", rowId: queued.id as string }),
    ).rejects.toMatchObject({ code: "not_found", message: /queued/ });
    await expect(getInclusionProof({ pool, index: leaves.length, treeSize: leaves.length })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getInclusionProof({ pool, index: 0, treeSize: leaves.length + 1 })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getConsistencyProof({ pool, oldSize: 5, newSize: 4 })).rejects.toMatchObject({ code: "bad_request" });
    await sealPending({ pool });
  });

  it("returns signed checkpoints at block sizes and unsigned roots in between", async () => {
    const latest = await getCheckpoint({ pool });
    expect(openCheckpoint(latest.checkpoint!, getLogKeys().verifierKey).treeSize).toBe(latest.treeSize);
    const mid = await getCheckpoint({ pool, treeSize: 1000 });
    expect(mid).toMatchObject({ treeSize: 1000, checkpoint: null, blockHeight: null });
    expect(mid.rootHash).toEqual(rootAt(1000));
    const atBlock = await getCheckpoint({ pool, treeSize: blockSizes[2] });
    expect(atBlock.blockHeight).toBe(2);
    expect(openCheckpoint(atBlock.checkpoint!, getLogKeys().verifierKey).rootHash).toEqual(rootAt(blockSizes[2]));
  });

  it("pages through blocks newest first", async () => {
    // 12 blocks: the 65,000-row batch took four (20,000 rows per block), plus one for the queued row.
    const first = await listBlocks({ pool, limit: 5 });
    expect(first.blocks.map((b) => b.height)).toEqual([11, 10, 9, 8, 7]);
    const second = await listBlocks({ pool, limit: 5, before: first.nextBefore! });
    expect(second.blocks.map((b) => b.height)).toEqual([6, 5, 4, 3, 2]);
    const last = await listBlocks({ pool, limit: 5, before: second.nextBefore! });
    expect(last).toMatchObject({ nextBefore: null });
    expect(last.blocks.map((b) => b.height)).toEqual([1, 0]);
    expect((await getBlock({ pool, height: 3 })).treeSize).toBe(blockSizes[3]);
    await expect(getBlock({ pool, height: 99 })).rejects.toMatchObject({ code: "not_found" });
  });
});
