import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { leafBytesFor } from "@/lib/ledger/kinds";
import { accessEventKind } from "@/lib/ledger/kinds/access-event";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { getLogKeys } from "@/lib/ledger/log-keys";
import { getCheckpoint } from "@/lib/ledger/proofs/get-checkpoint";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { openCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { leafHash } from "@/lib/ledger/tlog/merkle";
import { verifyInclusion } from "@/lib/ledger/tlog/proof";
import { verifyCitations } from "@/lib/reports/verify/citations";
import { parseTlogProof } from "@/lib/reports/verify/tlog-proof";
import { reportTlogProof } from "./report-tlog-proof";
import { streamCitations } from "./stream-citations";

let db: TTestDatabase;
let pool: LedgerPool;
let rows: Record<string, unknown>[];
let head: { treeSize: number; rootHash: Uint8Array; checkpoint: string };

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  rows = [];
  for (let i = 0; i < 6; i++) {
    rows.push(...(await appendAccessEvents(pool, 5_000, i * 5_000)));
    await sealPending({ pool });
  }
  const cp = await getCheckpoint({ pool });
  head = { treeSize: cp.treeSize, rootHash: cp.rootHash, checkpoint: cp.checkpoint as string };
}, 180_000);
afterAll(async () => {
  await pool?.end();
});

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const c of chunks) text += c;
  return text;
}

describe("citations read from the ledger", () => {
  // Timed by npm run bench -- bundle (target < 10 s); a test checks what comes out.
  it("proves 10,000 cited events from a sealed ledger of 30,000, and they verify", async () => {
    expect(head.treeSize).toBe(30_000);
    const [indexes] = fc.sample(fc.uniqueArray(fc.nat(head.treeSize - 1), { minLength: 10_000, maxLength: 10_000 }), {
      numRuns: 1,
      seed: 16,
    });
    const cited = indexes.length;
    const progress: number[] = [];
    const started = performance.now();
    const text = await collect(
      streamCitations({ db: pool, indexes, tree: head, onProgress: (done) => void progress.push(done) }),
    );
    const ms = performance.now() - started;
    console.log(`citations for ${cited} leaves of ${head.treeSize}: ${Math.round(ms)} ms, ${text.length} bytes`);
    expect(progress.at(-1)).toBe(cited);
    const result = verifyCitations(text, head);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.leaves.length).toBe(cited);
  });

  it("refuses to cite a leaf beyond the checkpoint", async () => {
    await expect(collect(streamCitations({ db: pool, indexes: [head.treeSize], tree: head }))).rejects.toThrow(
      /not in the tree/,
    );
  });

  it("refuses a root the ledger's tiles do not prove (another tree's checkpoint)", async () => {
    const other = { ...head, rootHash: new Uint8Array(32) };
    await expect(collect(streamCitations({ db: pool, indexes: [5], tree: other }))).rejects.toThrow(/do not prove/);
  });
});

describe("the report's tlog-proof", () => {
  it("proves a ledger leaf with its bytes as the record, against the signed checkpoint", async () => {
    const index = 12_345;
    const leafBytes = leafBytesFor(accessEventKind, rows[index]);
    const text = await reportTlogProof({ pool, index, leafBytes, cosignedCheckpoint: head.checkpoint });
    const p = parseTlogProof(text);
    const cp = openCheckpoint(p.checkpoint, getLogKeys().verifier);
    expect(p.extra).toEqual(leafBytes);
    expect(
      verifyInclusion({
        leafHash: leafHash(leafBytes),
        index,
        treeSize: cp.treeSize,
        proof: p.proof,
        root: cp.rootHash,
      }),
    ).toBe(true);
  });

  it("refuses bytes that are not that leaf's", async () => {
    const leafBytes = leafBytesFor(accessEventKind, rows[7]);
    await expect(reportTlogProof({ pool, index: 8, leafBytes, cosignedCheckpoint: head.checkpoint })).rejects.toThrow(
      /not the report's leaf/,
    );
  });
});
