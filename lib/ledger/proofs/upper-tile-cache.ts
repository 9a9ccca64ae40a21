import "server-only";
import type { LedgerPool } from "../ledger-pool";
import { HASH_SIZE } from "../tlog/merkle";
import { TILE_WIDTH } from "../tlog/tile-math";

const FULL_TILE_BYTES = TILE_WIDTH * HASH_SIZE;
/** 16 MB: every level-1 tile of a log of 130 million leaves. */
const MAX_TILES = 2048;

/**
 * Full tiles above level 0, kept in memory for inclusion proofs. A full tile never changes (the
 * log only appends), and one level-1 tile serves every proof among its 65,536 leaves, so after
 * the first few proofs each one reads only its own level-0 tile from the database. Level 0 is
 * not kept: proofs land on it at random, and it is 255/256 of all tiles.
 *
 * A tile here cannot make a wrong proof pass: every proof is checked against the signed root
 * before it is returned. If a check fails with cached tiles (the database was replaced, say),
 * the caller clears the cache and reads everything again.
 */
export class UpperTileCache {
  readonly #tiles = new Map<string, Uint8Array>();

  get(level: number, index: number): Uint8Array | undefined {
    const key = `${level}/${index}`;
    const tile = this.#tiles.get(key);
    if (tile) {
      // Least recently used goes first: move this one to the end.
      this.#tiles.delete(key);
      this.#tiles.set(key, tile);
    }
    return tile;
  }

  /** Keeps the tile if it is a full one above level 0; anything else is ignored. */
  offer(level: number, index: number, hashes: Uint8Array): void {
    if (level < 1 || hashes.length !== FULL_TILE_BYTES) return;
    this.#tiles.set(`${level}/${index}`, hashes);
    if (this.#tiles.size > MAX_TILES) this.#tiles.delete(this.#tiles.keys().next().value as string);
  }

  get size(): number {
    return this.#tiles.size;
  }

  clear(): void {
    this.#tiles.clear();
  }
}

const caches = new WeakMap<LedgerPool, UpperTileCache>();

/** One cache per pool, i.e. per database. */
export function upperTileCacheFor(pool: LedgerPool): UpperTileCache {
  let cache = caches.get(pool);
  if (!cache) caches.set(pool, (cache = new UpperTileCache()));
  return cache;
}
