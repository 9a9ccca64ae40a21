import "server-only";
import type { HashCoord } from "../tlog/merkle";
import { readTiles, type TQueryable } from "../read-ledger-state";
import { tileHashReader, type HashReader } from "../tlog/tile-math";

/** Perfect-subtree hashes from LedgerTile: every batch of coordinates costs one query of O(log n) rows. */
export function dbHashReader(db: TQueryable): HashReader {
  return tileHashReader(async (requests) => {
    const tiles = await readTiles(db, requests);
    return requests.map((r) => {
      const t = tiles.get(`${r.level}/${r.index}`);
      if (!t) throw new Error(`ledger tile ${r.level}/${r.index} is missing`);
      return t.hashes;
    });
  });
}

/**
 * Reads every coordinate a request will need in one round trip, then serves the proof code from
 * memory. A proof, its leaf and its root then cost a single query together.
 */
export async function prefetchHashes(reader: HashReader, coords: readonly HashCoord[]): Promise<HashReader> {
  const key = (c: HashCoord) => `${c.level}/${c.index}`;
  const unique = [...new Map(coords.map((c) => [key(c), c])).values()];
  const hashes = unique.length ? await reader.readHashes(unique) : [];
  const byKey = new Map(unique.map((c, i) => [key(c), hashes[i]]));
  return {
    async readHashes(want) {
      return want.map((c) => {
        const h = byKey.get(key(c));
        if (!h) throw new Error(`hash ${key(c)} was not prefetched`);
        return h;
      });
    },
  };
}
