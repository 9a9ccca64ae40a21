// RFC 9162 §2.1.1 Merkle Tree Hash (SHA-256, 0x00 leaf / 0x01 node prefixes) and a streaming tree builder.
import { sha256 } from "@noble/hashes/sha2.js";

export const HASH_SIZE = 32;

/** Names the hash of the perfect subtree covering leaves [index·2^level, (index+1)·2^level). */
export interface HashCoord {
  readonly level: number;
  readonly index: number;
}

const LEAF_PREFIX = new Uint8Array([0x00]);

type THashInto = (data: Uint8Array, out: Uint8Array, offset: number) => void;
/** `impl`'s result copied into `out` at `offset`, for an implementation that only allocates. */
const copyingInto =
  (impl: (data: Uint8Array) => Uint8Array): THashInto =>
  (data, out, offset) =>
    out.set(impl(data), offset);

/** SHA-256 of the node hashes: @noble by default (runs in browsers). */
let nodeSha256: (data: Uint8Array) => Uint8Array = sha256;
/** The same SHA-256, written into `out` at `offset` (an implementation may skip allocating a result). */
let nodeSha256Into: THashInto = copyingInto(sha256);

/**
 * Lets a server swap in another implementation of the same SHA-256 for interior nodes (node:crypto
 * is about twice as fast on 65-byte inputs; the sealer, proofs and full verification hash millions
 * of nodes). It must be SHA-256: merkle.test.ts checks @noble against the RFC 6962 vectors, and
 * leaf-hash-node.test.ts the node:crypto one.
 */
export function setNodeSha256(impl: (data: Uint8Array) => Uint8Array, into?: THashInto): void {
  nodeSha256 = impl;
  nodeSha256Into = into ?? copyingInto(impl);
}
// One scratch buffer: full verification hashes millions of nodes, so avoid a concat per node.
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

export function assertHash(hash: Uint8Array, what = "hash"): void {
  if (!(hash instanceof Uint8Array)) throw new TypeError(`${what} must be a Uint8Array`);
  if (hash.length !== HASH_SIZE) throw new RangeError(`${what} must be ${HASH_SIZE} bytes, got ${hash.length}`);
}

export function assertTreeSize(n: number, what = "tree size"): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}

export function leafHash(data: Uint8Array): Uint8Array {
  if (!(data instanceof Uint8Array)) throw new TypeError("leafHash: data must be a Uint8Array");
  return sha256.create().update(LEAF_PREFIX).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, "nodeHash: left");
  assertHash(right, "nodeHash: right");
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return nodeSha256(nodeInput);
}

/**
 * Replaces the first `pairs` hashes of `buf` (concatenated 32-byte hashes) by the node hashes of
 * consecutive pairs: hash i becomes nodeHash(hash 2i, hash 2i+1). Repeated, it reduces a slice
 * of a tile to its subtree hash without allocating a hash per node (a proof computes ~500).
 */
export function hashPairsInPlace(buf: Uint8Array, pairs: number): void {
  if (!Number.isSafeInteger(pairs) || pairs < 0 || 2 * pairs * HASH_SIZE > buf.length)
    throw new RangeError("hashPairsInPlace: pairs out of range");
  for (let i = 0; i < pairs; i++) {
    // Pair i is read into the scratch input before hash i is written; hash i sits at or before
    // the pair, which the loop has already read.
    const from = 2 * i * HASH_SIZE;
    for (let k = 0; k < 2 * HASH_SIZE; k++) nodeInput[1 + k] = buf[from + k];
    nodeSha256Into(nodeInput, buf, i * HASH_SIZE);
  }
}

export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** Largest power of two strictly less than n (n ≥ 2): the MTH split point. Arithmetic, not bit ops, so sizes above 2^31 work. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError("splitPoint: n must be an integer ≥ 2");
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Reference MTH over a list of leaf hashes. Recursive and O(n) memory: for tests and small inputs. */
export function rootFromLeaves(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(leafHashes)) throw new TypeError("rootFromLeaves: expected an array of leaf hashes");
  leafHashes.forEach((h, i) => assertHash(h, `rootFromLeaves: leaf ${i}`));
  if (leafHashes.length === 0) return emptyRoot();
  const mth = (start: number, end: number): Uint8Array => {
    if (end - start === 1) return leafHashes[start];
    const k = splitPoint(end - start);
    return nodeHash(mth(start, start + k), mth(start + k, end));
  };
  return mth(0, leafHashes.length);
}

/**
 * The perfect subtrees that tile [start, end), largest first. When start is a multiple of the
 * smallest power of two ≥ end − start (true for every range MTH recursion visits), folding
 * their hashes right to left with nodeHash gives MTH(D[start:end]).
 */
export function perfectSubtrees(start: number, end: number): HashCoord[] {
  assertTreeSize(start, "start");
  assertTreeSize(end, "end");
  if (start > end) throw new RangeError("perfectSubtrees: start must not exceed end");
  const out: HashCoord[] = [];
  while (start < end) {
    let level = 0;
    while (start % 2 ** (level + 1) === 0 && start + 2 ** (level + 1) <= end) level++;
    out.push({ level, index: start / 2 ** level });
    start += 2 ** level;
  }
  return out;
}

/** Folds perfect-subtree hashes (left to right order) into the MTH of the range they cover. */
export function foldRight(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return emptyRoot();
  let acc = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i], acc);
  return acc;
}

/** A tree's compact range: its size and the roots of perfect subtrees covering [0, size), left to right. */
export interface TreeState {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

/**
 * Appends leaf hashes and keeps only one root per set bit of the size, so rebuilding a tree of
 * any length needs O(log n) memory. Restorable from a stored state (see perfectSubtrees(0, size)).
 */
export class TreeBuilder {
  #size = 0;
  #stack: Uint8Array[] = [];

  constructor(state?: TreeState) {
    if (state === undefined) return;
    assertTreeSize(state.size, "TreeBuilder: state.size");
    const expected = perfectSubtrees(0, state.size).length;
    if (state.hashes.length !== expected) {
      throw new RangeError(
        `TreeBuilder: a tree of size ${state.size} needs ${expected} hashes, got ${state.hashes.length}`,
      );
    }
    state.hashes.forEach((h, i) => assertHash(h, `TreeBuilder: state hash ${i}`));
    this.#size = state.size;
    this.#stack = state.hashes.slice();
  }

  get size(): number {
    return this.#size;
  }

  append(leaf: Uint8Array): void {
    assertHash(leaf, "TreeBuilder.append: leaf hash");
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError("TreeBuilder: tree is full");
    let hash = leaf;
    // Each trailing 1 bit of the old size is a same-height subtree that the new leaf completes.
    for (let s = this.#size; s % 2 === 1; s = (s - 1) / 2) {
      hash = nodeHash(this.#stack.pop() as Uint8Array, hash);
    }
    this.#stack.push(hash);
    this.#size++;
  }

  root(): Uint8Array {
    return foldRight(this.#stack);
  }

  state(): TreeState {
    return { size: this.#size, hashes: this.#stack.slice() };
  }
}
