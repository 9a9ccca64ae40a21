import "server-only";
import { readTiles, type TQueryable } from "@/lib/ledger/read-ledger-state";
import { HASH_SIZE, hashPairsInPlace, type HashCoord } from "@/lib/ledger/tlog/merkle";
import { TILE_HEIGHT, tileCoordinates, type HashReader } from "@/lib/ledger/tlog/tile-math";

/** A tile's hashes and the levels between it and the next tile level, each hashed once. */
function tileLevels(hashes: Uint8Array): Uint8Array[] {
  const levels = [hashes];
  for (let h = 1; h < TILE_HEIGHT; h++) {
    const below = levels[h - 1];
    const pairs = Math.floor(below.length / HASH_SIZE / 2);
    if (pairs === 0) break;
    const work = below.slice(0, 2 * pairs * HASH_SIZE);
    hashPairsInPlace(work, pairs);
    levels.push(work.subarray(0, pairs * HASH_SIZE));
  }
  return levels;
}

/**
 * A HashReader over LedgerTile for proofs of many leaves: the database's tile reader recomputes a
 * subtree inside a tile for every coordinate asked (up to 127 hashes each), which for 10,000 proofs
 * is millions of hashes; here each tile's inner levels are hashed once and shared. Tiles above
 * level 0 stay cached (few, and every proof climbs through them); level-0 tiles are dropped by
 * `forgetLeafTiles` between chunks of increasing indexes, so memory stays bounded.
 */
export function tileLevelsReader(db: TQueryable): HashReader & { forgetLeafTiles(): void } {
  const cache = new Map<string, Uint8Array[]>();
  return {
    forgetLeafTiles() {
      for (const key of cache.keys()) if (key.startsWith("0/")) cache.delete(key);
    },
    async readHashes(coords: readonly HashCoord[]) {
      const located = coords.map((c) => tileCoordinates(c.level, c.index));
      const missing = new Map<string, { level: number; index: number }>();
      for (const t of located) {
        const key = `${t.tileLevel}/${t.tileIndex}`;
        if (!cache.has(key)) missing.set(key, { level: t.tileLevel, index: t.tileIndex });
      }
      const tiles = await readTiles(db, [...missing.values()]);
      for (const [key, tile] of tiles) cache.set(key, tileLevels(tile.hashes));
      return located.map((t) => {
        const level = cache.get(`${t.tileLevel}/${t.tileIndex}`)?.[t.height];
        const at = (t.offsetInTile >> t.height) * HASH_SIZE;
        if (!level || at + HASH_SIZE > level.length)
          throw new Error(`ledger tile ${t.tileLevel}/${t.tileIndex} is missing or too narrow`);
        return level.slice(at, at + HASH_SIZE);
      });
    },
  };
}
