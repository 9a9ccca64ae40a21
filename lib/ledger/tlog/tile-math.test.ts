import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { bytesToHex, concatBytes } from "./encoding";
import { leafHash, nodeHash, perfectSubtrees, rootFromLeaves, type HashCoord } from "./merkle";
import { inclusionProof, consistencyProof, treeRoot, verifyConsistency, verifyInclusion } from "./proof";
import {
  TILE_WIDTH,
  parseTilePath,
  subtreeHashFromTile,
  tileCoordinates,
  tileHashReader,
  tilePath,
  tileWidth,
  tilesForTreeSize,
  tilesToWrite,
  type TileRequest,
} from "./tile-math";

describe("tile paths (c2sp.org/tlog-tiles)", () => {
  test.each([
    [{ level: 0, index: 1234067, width: 256 }, "tile/0/x001/x234/067"],
    [{ level: 0, index: 0, width: 256 }, "tile/0/000"],
    [{ level: 2, index: 1000, width: 256 }, "tile/2/x001/000"],
    [{ level: 1, index: 273, width: 17 }, "tile/1/273.p/17"],
    [{ level: 63, index: 5, width: 1 }, "tile/63/005.p/1"],
  ])("%o ↔ %s", (tile, path) => {
    expect(tilePath(tile)).toBe(path);
    expect(parseTilePath(path)).toEqual(tile);
  });

  test.each([
    "tile/0/x000/005", // non-canonical: 5 has one spelling
    "tile/00/000",
    "tile/64/000",
    "tile/0/000.p/256",
    "tile/0/000.p/0",
    "tile/0/000.p/012",
    "tile/0/5",
    "tile/0/x001",
    "tile/entries/000",
    "/tile/0/000",
  ])("rejects %s", (path) => {
    expect(() => parseTilePath(path)).toThrow(RangeError);
  });

  test("rejects impossible tiles", () => {
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: -1, width: 256 })).toThrow(RangeError);
    expect(() => tilePath({ level: 64, index: 0, width: 256 })).toThrow(RangeError);
  });
});

describe("which tiles exist", () => {
  test("a tree of 70,000 has the tiles the spec lists", () => {
    const tiles = tilesForTreeSize(70_000);
    const byLevel = (level: number) => tiles.filter((t) => t.level === level);
    expect(byLevel(0).filter((t) => t.width === 256)).toHaveLength(273);
    expect(byLevel(0).filter((t) => t.width < 256)).toEqual([{ level: 0, index: 273, width: 112 }]);
    expect(byLevel(1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(byLevel(2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tiles).toHaveLength(273 + 1 + 2 + 1);
  });

  test("a tree of 256 is one full level-0 tile and a level-1 tile of width 1", () => {
    expect(tilesForTreeSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesForTreeSize(0)).toEqual([]);
  });

  test("growing the tree rewrites only the right-edge tiles", () => {
    expect(tilesToWrite({ oldSize: 300, newSize: 600 })).toEqual([
      { level: 0, index: 1, width: 256 },
      { level: 0, index: 2, width: 88 },
      { level: 1, index: 0, width: 2 },
    ]);
    expect(tilesToWrite({ oldSize: 600, newSize: 601 })).toEqual([{ level: 0, index: 2, width: 89 }]);
    expect(tilesToWrite({ oldSize: 5, newSize: 5 })).toEqual([]);
    expect(() => tilesToWrite({ oldSize: 6, newSize: 5 })).toThrow(RangeError);
  });

  test("tileWidth agrees with tilesForTreeSize", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), (size) => {
        for (const t of tilesForTreeSize(size).filter((t) => t.width < 256 || t.level > 0)) {
          expect(tileWidth({ level: t.level, index: t.index, treeSize: size })).toBe(t.width);
        }
        expect(tileWidth({ level: 0, index: Math.ceil(size / 256), treeSize: size })).toBe(0);
      }),
      { numRuns: 50 },
    );
  });
});

describe("locating subtree hashes in tiles", () => {
  test("levels that are multiples of 8 are stored directly; others are slices of the tile below", () => {
    expect(tileCoordinates(0, 300)).toEqual({ tileLevel: 0, tileIndex: 1, offsetInTile: 44, height: 0 });
    expect(tileCoordinates(3, 5)).toEqual({ tileLevel: 0, tileIndex: 0, offsetInTile: 40, height: 3 });
    expect(tileCoordinates(8, 256)).toEqual({ tileLevel: 1, tileIndex: 1, offsetInTile: 0, height: 0 });
    expect(tileCoordinates(9, 3)).toEqual({ tileLevel: 1, tileIndex: 0, offsetInTile: 6, height: 1 });
    expect(tileCoordinates(17, 1)).toEqual({ tileLevel: 2, tileIndex: 0, offsetInTile: 2, height: 1 });
  });

  test("subtreeHashFromTile is the MTH of the slice", () => {
    const hashes = Array.from({ length: 40 }, (_, i) => leafHash(new Uint8Array([i])));
    const tile = concatBytes(...hashes);
    expect(bytesToHex(subtreeHashFromTile(tile, { offset: 32, height: 3 }))).toBe(
      bytesToHex(rootFromLeaves(hashes.slice(32, 40))),
    );
    expect(bytesToHex(subtreeHashFromTile(tile, { offset: 7, height: 0 }))).toBe(bytesToHex(hashes[7]));
    expect(() => subtreeHashFromTile(tile, { offset: 36, height: 3 })).toThrow(RangeError); // unaligned
    expect(() => subtreeHashFromTile(tile, { offset: 32, height: 4 })).toThrow(RangeError); // beyond the tile
    expect(() => subtreeHashFromTile(tile.subarray(1), { offset: 0, height: 0 })).toThrow(TypeError);
  });
});

describe("tileHashReader", () => {
  const N = 70_000;
  const leaves = Array.from({ length: N }, (_, i) => leafHash(new TextEncoder().encode(`record ${i}`)));
  const levels: Uint8Array[][] = [leaves];
  while (levels[levels.length - 1].length > 1) {
    const prev = levels[levels.length - 1];
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < prev.length; i += 2) next.push(nodeHash(prev[i], prev[i + 1]));
    levels.push(next);
  }
  const roots = new Map<number, Uint8Array>();
  const rootOf = (size: number) => {
    if (!roots.has(size)) roots.set(size, rootFromLeaves(leaves.slice(0, size)));
    return roots.get(size) as Uint8Array;
  };

  /** Tile storage as a tree of treeSize would have it: partial tiles hold only what exists. */
  function storage(treeSize: number) {
    const requests: TileRequest[][] = [];
    const reader = tileHashReader(async (batch) => {
      requests.push([...batch]);
      return batch.map(({ level, index }) => {
        const width = tileWidth({ level, index, treeSize });
        const start = index * TILE_WIDTH;
        return concatBytes(...levels[8 * level].slice(start, start + width));
      });
    });
    return { reader, requests };
  }

  test("serves every perfect subtree of the tree, in one tile fetch per batch", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: N }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        async (size, picks) => {
          const all: HashCoord[] = perfectSubtrees(0, size).flatMap((c) => [c, { level: 0, index: size - 1 }]);
          const coords = picks.map((p) => {
            const c = all[p % all.length];
            const level = p % (c.level + 1); // a sub-subtree of a perfect subtree is also stored
            return { level, index: c.index * 2 ** (c.level - level) + (p % 2 ** (c.level - level)) };
          });
          const { reader, requests } = storage(size);
          const got = await reader.readHashes(coords);
          expect(got.map(bytesToHex)).toEqual(coords.map((c) => bytesToHex(levels[c.level][c.index])));
          expect(requests).toHaveLength(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("proofs built from tiles verify against the reference root", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: N })
          .chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1), fc.integer({ min: 1, max: size }))),
        async ([size, index, oldSize]) => {
          const { reader, requests } = storage(size);
          expect(bytesToHex(await treeRoot(reader, size))).toBe(bytesToHex(rootOf(size)));
          const proof = await inclusionProof(reader, { index, treeSize: size });
          expect(verifyInclusion({ leafHash: leaves[index], index, treeSize: size, proof, root: rootOf(size) })).toBe(
            true,
          );
          const cproof = await consistencyProof(reader, { oldSize, newSize: size });
          expect(
            verifyConsistency({
              oldSize,
              newSize: size,
              oldRoot: rootOf(oldSize),
              newRoot: rootOf(size),
              proof: cproof,
            }),
          ).toBe(true);
          expect(requests.length).toBeLessThanOrEqual(3);
        },
      ),
      { numRuns: 25 },
    );
  });

  test("a tile narrower than needed is an error, not a wrong hash", async () => {
    const reader = tileHashReader(async (batch) => batch.map(() => concatBytes(...leaves.slice(0, 3))));
    await expect(reader.readHashes([{ level: 2, index: 0 }])).rejects.toThrow(/narrower/);
  });
});
