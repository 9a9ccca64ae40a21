import { describe, expect, test } from "vitest";
import { bytesToHex, hexToBytes } from "./tlog/encoding";
import { leafHashOfText, writeLeafHashOfText } from "./leaf-hash-node";
import { hashPairsInPlace, leafHash, nodeHash, rootFromLeaves } from "./tlog/merkle";
import { LEAVES, ROOTS } from "./tlog/testing/rfc6962-vectors";
import { subtreeHashFromTile } from "./tlog/tile-math";

// Importing leaf-hash-node swaps node:crypto in for interior nodes (this file only: each test
// file has its own modules). The same RFC 6962 vectors as merkle.test.ts, through that path.
const ROOT_OF_8 = ROOTS[7];
const ROOT_OF_2 = ROOTS[1];

describe("node:crypto hashing", () => {
  const leafHashes = LEAVES.map((l) => leafHash(hexToBytes(l)));

  test("interior nodes match the RFC 6962 vectors, allocating or in place", () => {
    expect(bytesToHex(nodeHash(leafHashes[0], leafHashes[1]))).toBe(ROOT_OF_2);
    expect(bytesToHex(rootFromLeaves(leafHashes))).toBe(ROOT_OF_8);
    const tile = new Uint8Array(8 * 32);
    leafHashes.forEach((h, i) => tile.set(h, i * 32));
    expect(bytesToHex(subtreeHashFromTile(tile, { offset: 0, height: 3 }))).toBe(ROOT_OF_8);
    hashPairsInPlace(tile, 4);
    hashPairsInPlace(tile, 2);
    hashPairsInPlace(tile, 1);
    expect(bytesToHex(tile.subarray(0, 32))).toBe(ROOT_OF_8);
  });

  test("leaf hashes of text equal @noble's leaf hash of its UTF-8 bytes", () => {
    for (const text of ["", '{"a":1}', "é ✓ 𝄞"]) {
      const expected = leafHash(new TextEncoder().encode(text));
      expect(new Uint8Array(leafHashOfText(text))).toEqual(expected);
      const out = new Uint8Array(40);
      writeLeafHashOfText(text, out, 8);
      expect(out.subarray(8)).toEqual(expected);
    }
  });
});
