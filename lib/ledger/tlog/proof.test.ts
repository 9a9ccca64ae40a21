import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { bytesToHex, hexToBytes } from "./encoding";
import { TreeBuilder, leafHash, nodeHash, rootFromLeaves, type HashCoord } from "./merkle";
import {
  ProofError,
  consistencyProof,
  consistencyProofPlan,
  inclusionProof,
  inclusionProofPlan,
  planCoords,
  rootFromInclusionProof,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from "./proof";
import type { HashReader } from "./tile-math";
import { CONSISTENCY, EMPTY_ROOT, INCLUSION, LEAVES, ROOTS } from "./testing/rfc6962-vectors";

const vectorLeaves = LEAVES.map((l) => leafHash(hexToBytes(l)));
const root = (size: number) => hexToBytes(ROOTS[size - 1]);

/** Serves perfect-subtree hashes of a tree of `size` leaves and counts batched reads. */
function memoryReader(leaves: readonly Uint8Array[], size = leaves.length): HashReader & { calls: number } {
  const levels: Uint8Array[][] = [leaves.slice(0, size)];
  while (levels[levels.length - 1].length > 1) {
    const prev = levels[levels.length - 1];
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < prev.length; i += 2) next.push(nodeHash(prev[i], prev[i + 1]));
    levels.push(next);
  }
  return {
    calls: 0,
    async readHashes(coords: readonly HashCoord[]) {
      this.calls++;
      return coords.map(({ level, index }) => {
        const h = levels[level]?.[index];
        if (!h) throw new Error(`no complete subtree at level ${level} index ${index} in a tree of ${size}`);
        return h;
      });
    },
  };
}

function flipBit(proof: readonly Uint8Array[], element: number, bit: number): Uint8Array[] {
  return proof.map((h, i) => {
    if (i !== element) return h;
    const copy = h.slice();
    copy[bit >> 3] ^= 1 << (bit & 7);
    return copy;
  });
}

const MAX = 2000;
const bigLeaves = Array.from({ length: MAX }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
const bigRoots: Uint8Array[] = [];
{
  const builder = new TreeBuilder();
  bigRoots.push(builder.root());
  for (const h of bigLeaves) {
    builder.append(h);
    bigRoots.push(builder.root());
  }
}

describe("published RFC 6962 vectors", () => {
  test.each(INCLUSION)("inclusion of leaf $index in a tree of $size", async ({ index, size, proof }) => {
    const reader = memoryReader(vectorLeaves, size);
    const generated = await inclusionProof(reader, { index, treeSize: size });
    expect(generated.map(bytesToHex)).toEqual(proof);
    expect(reader.calls).toBe(proof.length === 0 ? 0 : 1);
    const input = { leafHash: vectorLeaves[index], index, treeSize: size, proof: proof.map(hexToBytes) };
    expect(verifyInclusion({ ...input, root: root(size) })).toBe(true);
    expect(bytesToHex(rootFromInclusionProof(input))).toBe(ROOTS[size - 1]);
  });

  test.each(CONSISTENCY)("consistency from $oldSize to $newSize", async ({ oldSize, newSize, proof }) => {
    const reader = memoryReader(vectorLeaves, newSize);
    expect((await consistencyProof(reader, { oldSize, newSize })).map(bytesToHex)).toEqual(proof);
    const input = { oldSize, newSize, oldRoot: root(oldSize), newRoot: root(newSize), proof: proof.map(hexToBytes) };
    expect(verifyConsistency(input)).toBe(true);
    expect(verifyConsistency({ ...input, oldRoot: root((oldSize % 8) + 1) })).toBe(false);
  });

  test("treeRoot rebuilds every published root from perfect subtrees", async () => {
    for (let size = 1; size <= 8; size++) {
      expect(bytesToHex(await treeRoot(memoryReader(vectorLeaves, size), size))).toBe(ROOTS[size - 1]);
    }
  });
});

describe("verification edge cases (transparency-dev/merkle probes)", () => {
  const some = hexToBytes("abacaba000000000000000000000000000000000000000000060061e00123456");
  const empty = hexToBytes(EMPTY_ROOT);

  test("an index outside the tree never verifies", () => {
    for (const [index, treeSize] of [
      [0, 0],
      [1, 0],
      [2, 1],
    ]) {
      expect(verifyInclusion({ leafHash: some, index, treeSize, proof: [], root: empty })).toBe(false);
    }
    expect(() => rootFromInclusionProof({ leafHash: some, index: 1, treeSize: 1, proof: [] })).toThrow(ProofError);
  });

  test("a single-leaf tree's root is its leaf hash; wrong-length hashes fail", () => {
    const h = leafHash(new TextEncoder().encode("data"));
    expect(verifyInclusion({ leafHash: h, index: 0, treeSize: 1, proof: [], root: h })).toBe(true);
    expect(verifyInclusion({ leafHash: new Uint8Array(0), index: 0, treeSize: 1, proof: [], root: h })).toBe(false);
    expect(verifyInclusion({ leafHash: h, index: 0, treeSize: 1, proof: [], root: new Uint8Array(0) })).toBe(false);
  });

  test.each([
    { oldSize: 0, newSize: 0, oldRoot: empty, newRoot: empty, proof: [], ok: true },
    { oldSize: 0, newSize: 1, oldRoot: empty, newRoot: some, proof: [], ok: true },
    { oldSize: 1, newSize: 1, oldRoot: some, newRoot: some, proof: [], ok: true },
    { oldSize: 1, newSize: 1, oldRoot: empty, newRoot: some, proof: [], ok: false },
    { oldSize: 1, newSize: 0, oldRoot: some, newRoot: some, proof: [], ok: false },
    { oldSize: 2, newSize: 1, oldRoot: some, newRoot: some, proof: [], ok: false },
    { oldSize: 1, newSize: 2, oldRoot: some, newRoot: empty, proof: [], ok: false },
    { oldSize: 0, newSize: 0, oldRoot: empty, newRoot: empty, proof: [empty], ok: false },
    { oldSize: 0, newSize: 1, oldRoot: empty, newRoot: empty, proof: [empty], ok: false },
    { oldSize: 1, newSize: 1, oldRoot: empty, newRoot: empty, proof: [empty], ok: false },
  ])("consistency $oldSize→$newSize with $proof.length hashes: $ok", ({ ok, ...input }) => {
    expect(verifyConsistency(input)).toBe(ok);
  });

  test("sizes must be non-negative safe integers", () => {
    expect(() => verifyInclusion({ leafHash: some, index: -1, treeSize: 2, proof: [], root: some })).toThrow(
      RangeError,
    );
    expect(() => verifyConsistency({ oldSize: 1.5, newSize: 2, oldRoot: some, newRoot: some, proof: [] })).toThrow(
      RangeError,
    );
    expect(() => inclusionProofPlan(3, 3)).toThrow(RangeError);
    expect(() => consistencyProofPlan(4, 3)).toThrow(RangeError);
  });
});

describe("plans", () => {
  test("proofs need O(log n) perfect subtrees, including right-edge ranges", () => {
    // Leaf 0 of 13: siblings are leaf 1, [2,4), [4,8), then the right edge [8,13) = [8,12) + leaf 12.
    expect(inclusionProofPlan(0, 13)).toEqual([
      [{ level: 0, index: 1 }],
      [{ level: 1, index: 1 }],
      [{ level: 2, index: 1 }],
      [
        { level: 2, index: 2 },
        { level: 0, index: 12 },
      ],
    ]);
    expect(planCoords(consistencyProofPlan(1_000_000, 5_000_000)).length).toBeLessThanOrEqual(2 * 23);
  });
});

describe("properties over trees of 1..2000 leaves", () => {
  // Size changes that keep a proof's shape are mostly small ones, so bias towards them.
  const nearby = fc.oneof(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -MAX, max: MAX }));
  const indexInTree = fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1)));

  test("inclusion proofs verify, and any change to proof, index, leaf or root fails", async () => {
    await fc.assert(
      fc.asyncProperty(indexInTree, fc.nat(), fc.nat(255), fc.nat(MAX), async ([size, index], pick, bit, other) => {
        const reader = memoryReader(bigLeaves, size);
        expect(bytesToHex(await treeRoot(reader, size))).toBe(bytesToHex(rootFromLeaves(bigLeaves.slice(0, size))));
        const proof = await inclusionProof(reader, { index, treeSize: size });
        const good = { leafHash: bigLeaves[index], index, treeSize: size, proof, root: bigRoots[size] };
        expect(verifyInclusion(good)).toBe(true);
        if (proof.length > 0) {
          expect(verifyInclusion({ ...good, proof: flipBit(proof, pick % proof.length, bit) })).toBe(false);
          expect(verifyInclusion({ ...good, proof: proof.slice(1) })).toBe(false);
        }
        expect(verifyInclusion({ ...good, proof: [...proof, bigRoots[size]] })).toBe(false);
        const otherIndex = other % size;
        if (otherIndex !== index) expect(verifyInclusion({ ...good, index: otherIndex })).toBe(false);
        expect(verifyInclusion({ ...good, leafHash: flipBit([bigLeaves[index]], 0, bit)[0] })).toBe(false);
        expect(verifyInclusion({ ...good, root: flipBit([bigRoots[size]], 0, bit)[0] })).toBe(false);
        expect(verifyInclusion({ ...good, root: bigRoots[size === 1 ? 2 : size - 1] })).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test("a changed tree size verifies only if the leaf's path has the same shape in both trees", async () => {
    // RFC 9162 proofs bind the size only through the path's shape (which siblings are left or
    // right); leaf 0 of 5 and of 6 has the same shape, so the root, not the size, is what binds.
    const shape = (index: number, size: number) =>
      inclusionProofPlan(index, size)
        .map((g) => (g[0].index * 2 ** g[0].level < index ? "L" : "R"))
        .join("");
    await fc.assert(
      fc.asyncProperty(indexInTree, nearby, async ([size, index], delta) => {
        const otherSize = Math.max(1, size + delta);
        const proof = await inclusionProof(memoryReader(bigLeaves, size), { index, treeSize: size });
        const claimed = { leafHash: bigLeaves[index], index, treeSize: otherSize, proof, root: bigRoots[size] };
        const sameShape = index < otherSize && shape(index, otherSize) === shape(index, size);
        expect(verifyInclusion(claimed)).toBe(sameShape);
      }),
      { numRuns: 300 },
    );
  });

  test("every bit of a proof matters", async () => {
    const proof = await inclusionProof(memoryReader(bigLeaves, 1337), { index: 1000, treeSize: 1337 });
    const good = { leafHash: bigLeaves[1000], index: 1000, treeSize: 1337, proof, root: bigRoots[1337] };
    for (let e = 0; e < proof.length; e++) {
      for (let bit = 0; bit < 256; bit++)
        expect(verifyInclusion({ ...good, proof: flipBit(proof, e, bit) })).toBe(false);
    }
    const cproof = await consistencyProof(memoryReader(bigLeaves, 1999), { oldSize: 1337, newSize: 1999 });
    const cgood = { oldSize: 1337, newSize: 1999, oldRoot: bigRoots[1337], newRoot: bigRoots[1999], proof: cproof };
    expect(verifyConsistency(cgood)).toBe(true);
    for (let e = 0; e < cproof.length; e++) {
      for (let bit = 0; bit < 256; bit++)
        expect(verifyConsistency({ ...cgood, proof: flipBit(cproof, e, bit) })).toBe(false);
    }
  });

  const sizePair = fc
    .integer({ min: 1, max: MAX })
    .chain((newSize) => fc.tuple(fc.integer({ min: 1, max: newSize }), fc.constant(newSize)));

  test("consistency proofs verify, and any change to proof, sizes or roots fails", async () => {
    await fc.assert(
      fc.asyncProperty(sizePair, fc.nat(), fc.nat(255), async ([oldSize, newSize], pick, bit) => {
        const reader = memoryReader(bigLeaves, newSize);
        const proof = await consistencyProof(reader, { oldSize, newSize });
        expect(reader.calls).toBe(proof.length === 0 ? 0 : 1);
        const good = { oldSize, newSize, oldRoot: bigRoots[oldSize], newRoot: bigRoots[newSize], proof };
        expect(verifyConsistency(good)).toBe(true);
        if (oldSize === newSize) return;
        expect(verifyConsistency({ ...good, proof: flipBit(proof, pick % proof.length, bit) })).toBe(false);
        expect(verifyConsistency({ ...good, proof: proof.slice(0, -1) })).toBe(false);
        expect(verifyConsistency({ ...good, proof: [...proof, bigRoots[newSize]] })).toBe(false);
        expect(verifyConsistency({ ...good, oldRoot: flipBit([bigRoots[oldSize]], 0, bit)[0] })).toBe(false);
        expect(verifyConsistency({ ...good, newRoot: flipBit([bigRoots[newSize]], 0, bit)[0] })).toBe(false);
        expect(verifyConsistency({ ...good, oldRoot: bigRoots[newSize], newRoot: bigRoots[oldSize] })).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test("a changed size verifies only if the proof has the same shape for both size pairs", async () => {
    // As with inclusion, the verifier sees sizes only as the order in which it combines hashes:
    // whether the old root is implicit (old size a power of two), and for each proof hash
    // whether it lies inside the old tree (hashed into both roots) or beyond it (new root only).
    const shape = (oldSize: number, newSize: number) => {
      if (oldSize === 0 || oldSize >= newSize) return `trivial ${oldSize} ${newSize}`;
      const implicit = Number.isInteger(Math.log2(oldSize)) ? "P" : "";
      const sides = consistencyProofPlan(oldSize, newSize).map((g) => {
        const last = g[g.length - 1];
        return (last.index + 1) * 2 ** last.level <= oldSize ? "L" : "R";
      });
      return implicit + sides.join("");
    };
    expect(
      verifyConsistency({
        oldSize: 1,
        newSize: 1026,
        oldRoot: bigRoots[1],
        newRoot: bigRoots[1025],
        proof: await consistencyProof(memoryReader(bigLeaves), { oldSize: 1, newSize: 1025 }),
      }),
    ).toBe(true);
    await fc.assert(
      fc.asyncProperty(sizePair, nearby, fc.boolean(), async ([oldSize, newSize], delta, changeOld) => {
        fc.pre(oldSize < newSize);
        const other = Math.max(1, (changeOld ? oldSize : newSize) + delta);
        const proof = await consistencyProof(memoryReader(bigLeaves, newSize), { oldSize, newSize });
        const claimed = changeOld ? { oldSize: other, newSize } : { oldSize, newSize: other };
        const input = { ...claimed, oldRoot: bigRoots[oldSize], newRoot: bigRoots[newSize], proof };
        const sameShape = shape(claimed.oldSize, claimed.newSize) === shape(oldSize, newSize);
        expect(verifyConsistency(input)).toBe(sameShape);
      }),
      { numRuns: 500 },
    );
  });
});
