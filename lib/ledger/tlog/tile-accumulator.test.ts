import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256 } from "@noble/hashes/sha2.js";
import { uint32ToBytes } from "./encoding";
import { rootFromLeaves } from "./merkle";
import { TileAccumulator, partialTilesFor, type TileData } from "./tile-accumulator";
import { tilesToWrite } from "./tile-math";

const leaf = (i: number) => sha256(uint32ToBytes(i));

describe("TileAccumulator", () => {
  it("matches the reference root at sizes around tile boundaries", () => {
    const acc = new TileAccumulator();
    const leaves: Uint8Array[] = [];
    for (let i = 0; i < 70_000; i++) {
      acc.append(leaf(i));
      leaves.push(leaf(i));
      const n = i + 1;
      if (n <= 600 || n % 65_536 === 0 || n % 65_536 === 1 || n === 70_000 || n % 9_973 === 0) {
        expect(Buffer.from(acc.root()).equals(Buffer.from(rootFromLeaves(leaves)))).toBe(true);
      }
    }
  }, 30_000);

  it("writes exactly the tiles tilesToWrite names, and restores from partial tiles", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }), (batches) => {
        const store = new Map<string, TileData>();
        let acc = new TileAccumulator();
        let size = 0;
        for (const count of batches) {
          for (let i = 0; i < count; i++) acc.append(leaf(size + i));
          const changed = acc.takeChangedTiles();
          const expected = tilesToWrite({ oldSize: size, newSize: size + count });
          expect(changed.map((t) => `${t.level}/${t.index}/${t.width}`)).toEqual(
            expected.map((t) => `${t.level}/${t.index}/${t.width}`),
          );
          for (const t of changed) store.set(`${t.level}/${t.index}`, t);
          size += count;
          const partialTiles = partialTilesFor(size).map((r) => store.get(`${r.level}/${r.index}`) as TileData);
          const restored = new TileAccumulator({ size, partialTiles });
          expect(restored.root()).toEqual(acc.root());
          acc = restored;
        }
        const all = Array.from({ length: size }, (_, i) => leaf(i));
        expect(acc.root()).toEqual(rootFromLeaves(all));
      }),
      { numRuns: 40 },
    );
  });

  it("appendTile gives the same tree, completed tiles and root as 256 appends", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant("tile" as const), fc.integer({ min: 1, max: 300 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (steps) => {
          const byLeaf = new TileAccumulator();
          const mixed = new TileAccumulator(undefined, { keepChanges: false });
          const seen: { leaf: string[]; mixed: string[] } = { leaf: [], mixed: [] };
          byLeaf.onTileComplete = (t) =>
            seen.leaf.push(`${t.level}/${t.index}/${Buffer.from(t.hashes).toString("hex")}`);
          mixed.onTileComplete = (t) =>
            seen.mixed.push(`${t.level}/${t.index}/${Buffer.from(t.hashes).toString("hex")}`);
          let size = 0;
          for (const step of steps) {
            if (step === "tile" && size % 256 === 0) {
              const hashes = new Uint8Array(256 * 32);
              for (let i = 0; i < 256; i++) hashes.set(leaf(size + i), i * 32);
              mixed.appendTile(hashes);
              for (let i = 0; i < 256; i++) byLeaf.append(leaf(size + i));
              size += 256;
            } else {
              const count = step === "tile" ? 256 - (size % 256) : step;
              for (let i = 0; i < count; i++) {
                byLeaf.append(leaf(size + i));
                mixed.append(leaf(size + i));
              }
              size += count;
            }
            expect(mixed.size).toBe(size);
            expect(mixed.root()).toEqual(byLeaf.root());
          }
          expect(seen.mixed).toEqual(seen.leaf);
          expect(() => mixed.takeChangedTiles()).toThrow(/keepChanges/);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("appendTile refuses a tree that does not end at a tile boundary, or a tile that is not 256 hashes", () => {
    const acc = new TileAccumulator();
    expect(() => acc.appendTile(new Uint8Array(255 * 32))).toThrow(/8192 bytes/);
    acc.append(leaf(0));
    expect(() => acc.appendTile(new Uint8Array(256 * 32))).toThrow(/tile boundary/);
  });

  it("refuses to restore from tiles of the wrong width", () => {
    const acc = new TileAccumulator();
    for (let i = 0; i < 5; i++) acc.append(leaf(i));
    const [t] = acc.takeChangedTiles();
    expect(() => new TileAccumulator({ size: 6, partialTiles: [t] })).toThrow(/must hold 6 hashes/);
  });
});
