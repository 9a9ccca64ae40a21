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

// RFC 6962 test data, as published in transparency-dev/merkle proof/verify_test.go.
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const INCLUSION = [
  {
    index: 0,
    size: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  { index: 2, size: 3, proof: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
  {
    index: 1,
    size: 5,
    proof: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  { index: 0, size: 1, proof: [] },
];
const CONSISTENCY = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
];
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
  const empty = hexToBytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

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
