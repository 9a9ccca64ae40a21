import "server-only";
import { AppError } from "@/lib/errors";
// Node hashes through node:crypto (about twice @noble's speed on 65-byte inputs).
import "@/lib/ledger/leaf-hash-node";
import type { TQueryable } from "@/lib/ledger/read-ledger-state";
import { foldRight, type HashCoord } from "@/lib/ledger/tlog/merkle";
import { inclusionProofPlan, verifyInclusion } from "@/lib/ledger/tlog/proof";
import type { TCitationProof } from "./citations-writer";
import { tileLevelsReader } from "./tile-levels-reader";

/** Leaves per round trip: each chunk costs one tile query (at most 4,096 leaf tiles and the tiles above). */
const CHUNK = 4096;

/** A number per coordinate (levels stay below 64, indexes below 2^47), cheaper than a string key. */
const coordKey = (c: HashCoord) => c.index * 64 + c.level;

/**
 * Inclusion proofs of many leaves against one tree, read from LedgerTile in chunks and checked
 * against the checkpoint's root before they are handed out (a damaged tile fails here, not at the
 * auditor's end). Yields in increasing index order; duplicates are cited once. Each proof hash
 * comes with a key naming the subtrees it covers, so the writer dedups without hashing strings.
 */
export async function* readCitationProofs(input: {
  db: TQueryable;
  indexes: Iterable<number>;
  tree: { treeSize: number; rootHash: Uint8Array };
  onProgress?: (done: number, total: number) => void;
}): AsyncGenerator<TCitationProof> {
  const { treeSize, rootHash } = input.tree;
  const indexes = [...new Set(input.indexes)].sort((a, b) => a - b);
  for (const i of indexes)
    if (!Number.isSafeInteger(i) || i < 0 || i >= treeSize)
      throw new AppError("unprocessable", `cited leaf ${i} is not in the tree of ${treeSize}`);
  const reader = tileLevelsReader(input.db);
  for (let start = 0; start < indexes.length; start += CHUNK) {
    const chunk = indexes.slice(start, start + CHUNK);
    reader.forgetLeafTiles();
    const plans = chunk.map((index) => inclusionProofPlan(index, treeSize));
    const wanted = new Map<number, HashCoord>();
    chunk.forEach((index, i) => {
      wanted.set(coordKey({ level: 0, index }), { level: 0, index });
      for (const group of plans[i]) for (const c of group) wanted.set(coordKey(c), c);
    });
    const coords = [...wanted.values()];
    const hashes = await reader.readHashes(coords);
    const byKey = new Map<number, Uint8Array>();
    coords.forEach((c, i) => byKey.set(coordKey(c), hashes[i]));
    const hashAt = (c: HashCoord) => byKey.get(coordKey(c)) as Uint8Array;
    for (let i = 0; i < chunk.length; i++) {
      const index = chunk[i];
      const leafHash = hashAt({ level: 0, index });
      // A group of several subtrees is the right edge of the tree: its first and last name it.
      const proof = plans[i].map((g) => (g.length === 1 ? hashAt(g[0]) : foldRight(g.map(hashAt))));
      const nodeKeys = plans[i].map((g) =>
        g.length === 1 ? coordKey(g[0]) : `${coordKey(g[0])}:${coordKey(g[g.length - 1])}`,
      );
      if (!verifyInclusion({ leafHash, index, treeSize, proof, root: rootHash }))
        throw new AppError("conflict", `the ledger's tiles do not prove leaf ${index} against the checkpoint`);
      yield { index, leafHash, proof, nodeKeys };
    }
    input.onProgress?.(Math.min(start + CHUNK, indexes.length), indexes.length);
  }
}
