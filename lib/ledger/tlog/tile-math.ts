// C2SP tlog-tiles "Merkle Tree" layout: tiles of 256 hashes, level L holding hashes of 2^(8L)-leaf subtrees.
import { HASH_SIZE, assertTreeSize, hashPairsInPlace, type HashCoord } from "./merkle";

export type { HashCoord } from "./merkle";

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
const MAX_TILE_LEVEL = 63;

/** One tile: `width` is 256 for a full tile, 1..255 for the partial tile at the right edge. */
export interface TileRef {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** Where a subtree hash lives: its 2^height hashes start at offsetInTile in tile (tileLevel, tileIndex). */
export interface TileCoordinates {
  readonly tileLevel: number;
  readonly tileIndex: number;
  readonly offsetInTile: number;
  readonly height: number;
}

/** Anything that can produce perfect-subtree hashes; proofs ask for all they need in one call. */
export interface HashReader {
  readHashes(coords: readonly HashCoord[]): Promise<Uint8Array[]>;
}

export function tileCoordinates(level: number, index: number): TileCoordinates {
  if (!Number.isInteger(level) || level < 0 || level > 52)
    throw new RangeError("tileCoordinates: level must be an integer in [0, 52]");
  assertTreeSize(index, "tileCoordinates: index");
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const height = level % TILE_HEIGHT;
  const entry = index * 2 ** height;
  if (!Number.isSafeInteger(entry)) throw new RangeError("tileCoordinates: index out of range");
  return { tileLevel, tileIndex: Math.floor(entry / TILE_WIDTH), offsetInTile: entry % TILE_WIDTH, height };
}

/**
 * Hash of the 2^height-wide aligned slice of a tile starting at offset. Levels between tile
 * levels are not stored, so they are recomputed from the tile below (tlog-tiles "Merkle Tree").
 * `tile` is the tile's bytes as served: concatenated 32-byte hashes.
 */
export function subtreeHashFromTile(tile: Uint8Array, slice: { offset: number; height: number }): Uint8Array {
  if (!(tile instanceof Uint8Array) || tile.length % HASH_SIZE !== 0) {
    throw new TypeError("subtreeHashFromTile: tile must be concatenated 32-byte hashes");
  }
  const { offset, height } = slice;
  if (!Number.isInteger(height) || height < 0 || height > TILE_HEIGHT)
    throw new RangeError("subtreeHashFromTile: height must be in [0, 8]");
  const count = 2 ** height;
  if (!Number.isInteger(offset) || offset < 0 || offset % count !== 0 || offset + count > tile.length / HASH_SIZE) {
    throw new RangeError(`subtreeHashFromTile: slice [${offset}, ${offset + count}) is unaligned or beyond the tile`);
  }
  const work = tile.slice(offset * HASH_SIZE, (offset + count) * HASH_SIZE);
  for (let pairs = count / 2; pairs >= 1; pairs /= 2) hashPairsInPlace(work, pairs);
  return work.slice(0, HASH_SIZE);
}

/** Width of tile (level, index) in a tree of treeSize; 0 when that tile does not exist yet. */
export function tileWidth(tile: { level: number; index: number; treeSize: number }): number {
  assertTreeSize(tile.treeSize, "tileWidth: treeSize");
  const entries = Math.floor(tile.treeSize / TILE_WIDTH ** tile.level);
  return Math.max(0, Math.min(TILE_WIDTH, entries - tile.index * TILE_WIDTH));
}

/** Every tile, full and partial, that represents a tree of treeSize (tlog-tiles "Partial Tiles"). */
export function tilesForTreeSize(treeSize: number): TileRef[] {
  return tilesToWrite({ oldSize: 0, newSize: treeSize });
}

/** Tiles that are new or wider at newSize than at oldSize: what a sequencer writes when the tree grows. */
export function tilesToWrite(sizes: { oldSize: number; newSize: number }): TileRef[] {
  const { oldSize, newSize } = sizes;
  assertTreeSize(oldSize, "tilesToWrite: oldSize");
  assertTreeSize(newSize, "tilesToWrite: newSize");
  if (oldSize > newSize) throw new RangeError("tilesToWrite: oldSize must not exceed newSize");
  const out: TileRef[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const oldEntries = Math.floor(oldSize / TILE_WIDTH ** level);
    const newEntries = Math.floor(newSize / TILE_WIDTH ** level);
    if (newEntries === 0) break;
    if (newEntries === oldEntries) continue;
    for (let index = Math.floor(oldEntries / TILE_WIDTH); index * TILE_WIDTH < newEntries; index++) {
      out.push({ level, index, width: Math.min(TILE_WIDTH, newEntries - index * TILE_WIDTH) });
    }
  }
  return out;
}

function assertTileRef(tile: TileRef): void {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL)
    throw new RangeError("tile level must be in [0, 63]");
  assertTreeSize(tile.index, "tile index");
  if (!Number.isInteger(tile.width) || tile.width < 1 || tile.width > TILE_WIDTH)
    throw new RangeError("tile width must be in [1, 256]");
}

/** `tile/<L>/<N>[.p/<W>]`, N split into 3-digit groups with all but the last prefixed by "x". */
export function tilePath(tile: TileRef): string {
  assertTileRef(tile);
  const groups: string[] = [];
  let n = tile.index;
  do {
    groups.unshift(String(n % 1000).padStart(3, "0"));
    n = Math.floor(n / 1000);
  } while (n > 0);
  const encoded = groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join("/");
  return `tile/${tile.level}/${encoded}${tile.width < TILE_WIDTH ? `.p/${tile.width}` : ""}`;
}

const TILE_PATH_RE = /^tile\/(0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

export function parseTilePath(path: string): TileRef {
  if (typeof path !== "string") throw new TypeError("parseTilePath: expected a string");
  const m = TILE_PATH_RE.exec(path);
  if (!m) throw new RangeError(`parseTilePath: malformed tile path ${JSON.stringify(path)}`);
  const index = Number(m[2].replaceAll("x", "").replaceAll("/", ""));
  const tile = { level: Number(m[1]), index, width: m[3] === undefined ? TILE_WIDTH : Number(m[3]) };
  if (tile.width === TILE_WIDTH && m[3] !== undefined)
    throw new RangeError("parseTilePath: a full tile has no .p suffix");
  assertTileRef(tile);
  // Only one spelling per tile: rejects e.g. "x000/005" for index 5.
  if (tilePath(tile) !== path) throw new RangeError(`parseTilePath: non-canonical tile path ${JSON.stringify(path)}`);
  return tile;
}

/** A tile the reader needs, and how many leading hashes of it must be present. */
export interface TileRequest {
  readonly level: number;
  readonly index: number;
  readonly minWidth: number;
}

/** Fetches tiles (concatenated hashes, at least minWidth of them each) in request order. */
export type TileFetcher = (requests: readonly TileRequest[]) => Promise<readonly Uint8Array[]>;

/** Adapts tile storage to a HashReader: one fetch for all the tiles a batch of hashes touches. */
export function tileHashReader(fetchTiles: TileFetcher): HashReader {
  if (typeof fetchTiles !== "function") throw new TypeError("tileHashReader: fetchTiles must be a function");
  return {
    async readHashes(coords) {
      const located = coords.map((c) => tileCoordinates(c.level, c.index));
      const requests = new Map<string, { level: number; index: number; minWidth: number }>();
      for (const t of located) {
        const key = `${t.tileLevel}/${t.tileIndex}`;
        const need = t.offsetInTile + 2 ** t.height;
        const existing = requests.get(key);
        if (existing) existing.minWidth = Math.max(existing.minWidth, need);
        else requests.set(key, { level: t.tileLevel, index: t.tileIndex, minWidth: need });
      }
      const list = [...requests.values()];
      const tiles = list.length === 0 ? [] : await fetchTiles(list);
      if (tiles.length !== list.length)
        throw new Error(`tileHashReader: asked for ${list.length} tiles, got ${tiles.length}`);
      const byKey = new Map<string, Uint8Array>();
      list.forEach((req, i) => {
        const data = tiles[i];
        if (!(data instanceof Uint8Array) || data.length % HASH_SIZE !== 0 || data.length < req.minWidth * HASH_SIZE) {
          throw new Error(`tileHashReader: tile ${req.level}/${req.index} is missing or narrower than ${req.minWidth}`);
        }
        byKey.set(`${req.level}/${req.index}`, data);
      });
      return located.map((t) =>
        subtreeHashFromTile(byKey.get(`${t.tileLevel}/${t.tileIndex}`) as Uint8Array, {
          offset: t.offsetInTile,
          height: t.height,
        }),
      );
    },
  };
}
