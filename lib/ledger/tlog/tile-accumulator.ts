// Grows a tlog-tiles tree leaf by leaf, holding only the right-edge (partial) tile of each level:
// O(log n) memory. The sequencer restores it from the stored partial tiles and writes what
// changed; full verification feeds it every leaf and compares the tiles it completes.
import { HASH_SIZE, assertHash, assertTreeSize, emptyRoot, foldRight, perfectSubtrees } from "./merkle";
import { TILE_HEIGHT, TILE_WIDTH, subtreeHashFromTile, tileCoordinates, type TileRef } from "./tile-math";

export interface TileData extends TileRef {
  /** width × 32 bytes: the tile as stored and served. */
  readonly hashes: Uint8Array;
}

const TILE_BYTES = TILE_WIDTH * HASH_SIZE;

/** The right-edge tile of every level that holds hashes not yet folded into a full tile. */
export function partialTilesFor(treeSize: number): TileRef[] {
  assertTreeSize(treeSize, "partialTilesFor: treeSize");
  const out: TileRef[] = [];
  for (let level = 0; ; level++) {
    const entries = Math.floor(treeSize / TILE_WIDTH ** level);
    if (entries === 0) break;
    const width = entries % TILE_WIDTH;
    if (width > 0) out.push({ level, index: Math.floor(entries / TILE_WIDTH), width });
  }
  return out;
}

export class TileAccumulator {
  #size: number;
  /** Per level: a 256-hash buffer and how many hashes it holds. */
  #levels: { buf: Uint8Array; count: number }[] = [];
  #completed: TileData[] = [];
  #dirty = new Set<number>();
  /** Whether completed tiles are kept for takeChangedTiles (a verifier that never writes says no, and stays O(log n)). */
  readonly #keepChanges: boolean;
  /** Called with every tile that becomes full, e.g. to compare it with the stored one. */
  onTileComplete?: (tile: TileData) => void;

  /** Restores a tree of `size` from exactly the tiles partialTilesFor(size) names. */
  constructor(
    state: { size: number; partialTiles: readonly TileData[] } = { size: 0, partialTiles: [] },
    options: { keepChanges?: boolean } = {},
  ) {
    this.#keepChanges = options.keepChanges ?? true;
    assertTreeSize(state.size, "TileAccumulator: size");
    const need = partialTilesFor(state.size);
    for (const ref of need) {
      const tile = state.partialTiles.find((t) => t.level === ref.level && t.index === ref.index);
      if (!tile || tile.hashes.length !== ref.width * HASH_SIZE) {
        throw new RangeError(
          `TileAccumulator: tile ${ref.level}/${ref.index} must hold ${ref.width} hashes for size ${state.size}`,
        );
      }
      this.#level(ref.level).buf.set(tile.hashes, 0);
      this.#level(ref.level).count = ref.width;
    }
    this.#size = state.size;
  }

  get size(): number {
    return this.#size;
  }

  #level(level: number) {
    while (this.#levels.length <= level) this.#levels.push({ buf: new Uint8Array(TILE_BYTES), count: 0 });
    return this.#levels[level];
  }

  append(leafHash: Uint8Array): void {
    assertHash(leafHash, "TileAccumulator.append: leaf hash");
    this.#size++;
    this.#push(0, leafHash);
  }

  /**
   * Appends 256 leaves at once, as the full level-0 tile they make (`hashes`: 256 × 32 bytes);
   * the tree must end at a tile boundary. Same result as 256 calls to append.
   */
  appendTile(hashes: Uint8Array): void {
    if (this.#size % TILE_WIDTH !== 0)
      throw new RangeError("TileAccumulator.appendTile: the tree does not end at a tile boundary");
    if (!(hashes instanceof Uint8Array) || hashes.length !== TILE_BYTES)
      throw new TypeError(`TileAccumulator.appendTile: expected ${TILE_BYTES} bytes`);
    this.#size += TILE_WIDTH;
    this.#complete({ level: 0, index: this.#size / TILE_WIDTH - 1, width: TILE_WIDTH, hashes: hashes.slice() });
  }

  #push(level: number, hash: Uint8Array): void {
    const l = this.#level(level);
    l.buf.set(hash, l.count * HASH_SIZE);
    l.count++;
    this.#dirty.add(level);
    if (l.count < TILE_WIDTH) return;
    // Entries at this level so far, counting the tile just completed.
    const entries = Math.floor(this.#size / TILE_WIDTH ** level);
    const tile: TileData = { level, index: entries / TILE_WIDTH - 1, width: TILE_WIDTH, hashes: l.buf.slice() };
    l.count = 0;
    this.#dirty.delete(level);
    this.#complete(tile);
  }

  #complete(tile: TileData): void {
    if (this.#keepChanges) this.#completed.push(tile);
    this.onTileComplete?.(tile);
    this.#push(tile.level + 1, subtreeHashFromTile(tile.hashes, { offset: 0, height: TILE_HEIGHT }));
  }

  /** The current right-edge tile of `level` (null when that level holds no partial tile). */
  partialTile(level: number): TileData | null {
    const l = this.#levels[level];
    if (!l || l.count === 0) return null;
    const entries = Math.floor(this.#size / TILE_WIDTH ** level);
    return {
      level,
      index: Math.floor(entries / TILE_WIDTH),
      width: l.count,
      hashes: l.buf.slice(0, l.count * HASH_SIZE),
    };
  }

  /** RFC 9162 root of the tree so far, from the partial tiles alone. */
  root(): Uint8Array {
    if (this.#size === 0) return emptyRoot();
    const hashes = perfectSubtrees(0, this.#size).map((c) => {
      const at = tileCoordinates(c.level, c.index);
      const l = this.#levels[at.tileLevel];
      return subtreeHashFromTile(l.buf.subarray(0, l.count * HASH_SIZE), {
        offset: at.offsetInTile,
        height: at.height,
      });
    });
    return foldRight(hashes);
  }

  /** Tiles completed or grown since the last call: exactly what must be written to storage. */
  takeChangedTiles(): TileData[] {
    if (!this.#keepChanges) throw new Error("TileAccumulator: created with keepChanges: false");
    const out = this.#completed;
    this.#completed = [];
    for (const level of [...this.#dirty].sort((a, b) => a - b)) {
      const t = this.partialTile(level);
      if (t) out.push(t);
    }
    this.#dirty.clear();
    return out;
  }
}
