import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { bytesToHex, hexToBytes } from "./encoding";
import {
  TreeBuilder,
  emptyRoot,
  foldRight,
  hashPairsInPlace,
  leafHash,
  nodeHash,
  perfectSubtrees,
  rootFromLeaves,
  splitPoint,
} from "./merkle";
import { EMPTY_ROOT, LEAVES, ROOTS } from "./testing/rfc6962-vectors";

const leafHashes = LEAVES.map((l) => leafHash(hexToBytes(l)));

function syntheticLeaves(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));
}

describe("RFC 6962 hashing", () => {
  test("the empty tree hashes to SHA-256 of the empty string", () => {
    expect(bytesToHex(emptyRoot())).toBe(EMPTY_ROOT);
    expect(bytesToHex(rootFromLeaves([]))).toBe(bytesToHex(emptyRoot()));
    expect(bytesToHex(new TreeBuilder().root())).toBe(bytesToHex(emptyRoot()));
  });

  test("leaf and node hashes are domain separated (0x00 / 0x01 prefixes)", () => {
    expect(bytesToHex(leafHash(new Uint8Array(0)))).toBe(ROOTS[0]);
    expect(bytesToHex(nodeHash(leafHashes[0], leafHashes[1]))).toBe(ROOTS[1]);
    expect(bytesToHex(nodeHash(leafHashes[1], leafHashes[0]))).not.toBe(ROOTS[1]);
  });

  test.each(ROOTS.map((root, i) => ({ size: i + 1, root })))(
    "MTH of the first $size leaves is $root",
    ({ size, root }) => {
      expect(bytesToHex(rootFromLeaves(leafHashes.slice(0, size)))).toBe(root);
    },
  );

  test("hashPairsInPlace replaces the front of a buffer by the hashes of consecutive pairs", () => {
    const buf = new Uint8Array(4 * 32);
    leafHashes.slice(0, 4).forEach((h, i) => buf.set(h, i * 32));
    hashPairsInPlace(buf, 2);
    expect(buf.subarray(0, 32)).toEqual(nodeHash(leafHashes[0], leafHashes[1]));
    expect(buf.subarray(32, 64)).toEqual(nodeHash(leafHashes[2], leafHashes[3]));
    expect(buf.subarray(64)).toEqual(new Uint8Array([...leafHashes[2], ...leafHashes[3]])); // untouched
    hashPairsInPlace(buf, 1);
    expect(bytesToHex(buf.subarray(0, 32))).toBe(ROOTS[3]);
    expect(() => hashPairsInPlace(buf, 3)).toThrow(RangeError);
  });

  test("rejects hashes of the wrong length or type", () => {
    expect(() => nodeHash(new Uint8Array(31), leafHashes[0])).toThrow(RangeError);
    expect(() => leafHash("abc" as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => rootFromLeaves([new Uint8Array(33)])).toThrow(RangeError);
  });
});

describe("perfectSubtrees / splitPoint", () => {
  test("splitPoint is the largest power of two strictly below n", () => {
    expect([2, 3, 4, 5, 8, 9, 2 ** 40 + 1].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 2 ** 40]);
    expect(() => splitPoint(1)).toThrow(RangeError);
  });

  test("decomposes a prefix into one subtree per set bit, largest first", () => {
    expect(perfectSubtrees(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(perfectSubtrees(8, 14)).toEqual([
      { level: 2, index: 2 },
      { level: 1, index: 6 },
    ]);
    expect(perfectSubtrees(5, 5)).toEqual([]);
    expect(() => perfectSubtrees(6, 5)).toThrow(RangeError);
  });
});

describe("TreeBuilder", () => {
  test("gives the published root after every append", () => {
    const builder = new TreeBuilder();
    leafHashes.forEach((h, i) => {
      builder.append(h);
      expect(builder.size).toBe(i + 1);
      expect(bytesToHex(builder.root())).toBe(ROOTS[i]);
    });
  });

  test("keeps one hash per set bit of the size", () => {
    const builder = new TreeBuilder();
    for (const h of syntheticLeaves(1000)) builder.append(h);
    expect(builder.state().hashes).toHaveLength(6); // 1000 = 0b1111101000
  });

  test("matches the reference MTH for any size, and resumes from a saved state", () => {
    const leaves = syntheticLeaves(1200);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 1200 }), (a, b) => {
        const [cut, size] = a <= b ? [a, b] : [b, a];
        const first = new TreeBuilder();
        for (const h of leaves.slice(0, cut)) first.append(h);
        const resumed = new TreeBuilder(first.state());
        for (const h of leaves.slice(cut, size)) resumed.append(h);
        expect(resumed.size).toBe(size);
        expect(bytesToHex(resumed.root())).toBe(bytesToHex(rootFromLeaves(leaves.slice(0, size))));
      }),
      { numRuns: 60 },
    );
  });

  test("state hashes are the roots of perfectSubtrees(0, size)", () => {
    const leaves = syntheticLeaves(13);
    const builder = new TreeBuilder();
    for (const h of leaves) builder.append(h);
    const expected = perfectSubtrees(0, 13).map((c) =>
      rootFromLeaves(leaves.slice(c.index * 2 ** c.level, (c.index + 1) * 2 ** c.level)),
    );
    expect(builder.state().hashes.map(bytesToHex)).toEqual(expected.map(bytesToHex));
    expect(bytesToHex(foldRight(expected))).toBe(bytesToHex(rootFromLeaves(leaves)));
  });

  test("rejects a state whose hash count does not match its size", () => {
    expect(() => new TreeBuilder({ size: 3, hashes: [leafHashes[0]] })).toThrow(RangeError);
    expect(() => new TreeBuilder({ size: -1, hashes: [] })).toThrow(RangeError);
    expect(() => new TreeBuilder().append(new Uint8Array(5))).toThrow(RangeError);
  });
});
