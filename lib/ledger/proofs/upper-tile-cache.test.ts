import { describe, expect, test } from "vitest";
import { UpperTileCache } from "./upper-tile-cache";

const full = (fill: number) => new Uint8Array(256 * 32).fill(fill);

describe("UpperTileCache", () => {
  test("keeps only full tiles above level 0", () => {
    const cache = new UpperTileCache();
    cache.offer(0, 3, full(1));
    cache.offer(1, 0, new Uint8Array(255 * 32));
    expect(cache.size).toBe(0);
    cache.offer(1, 0, full(2));
    cache.offer(2, 0, full(3));
    expect(cache.get(1, 0)?.[0]).toBe(2);
    expect(cache.get(2, 0)?.[0]).toBe(3);
    expect(cache.get(0, 3)).toBeUndefined();
    cache.clear();
    expect(cache.get(1, 0)).toBeUndefined();
  });

  test("holds at most 2,048 tiles and lets the least recently used go first", () => {
    const cache = new UpperTileCache();
    for (let i = 0; i < 2048; i++) cache.offer(1, i, full(0));
    cache.get(1, 0); // used: now the most recent
    cache.offer(1, 2048, full(0));
    expect(cache.size).toBe(2048);
    expect(cache.get(1, 0)).toBeDefined();
    expect(cache.get(1, 1)).toBeUndefined();
    expect(cache.get(1, 2048)).toBeDefined();
  });
});
