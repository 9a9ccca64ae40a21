// RFC 9162 §2.1.3 (inclusion) and §2.1.4 (consistency) proofs: generation from perfect-subtree hashes, and verification.
import {
  HASH_SIZE,
  assertHash,
  assertTreeSize,
  foldRight,
  nodeHash,
  perfectSubtrees,
  splitPoint,
  type HashCoord,
} from "./merkle";
import { bytesEqual } from "./encoding";
import type { HashReader } from "./tile-math";

/**
 * A proof as the hashes it is made of: each entry lists the perfect subtrees whose hashes fold
 * (right to left) into one proof hash. Right-edge ranges are not perfect, hence lists.
 */
export type ProofPlan = HashCoord[][];

export class ProofError extends Error {
  override name = "ProofError";
}

function assertIndexInTree(index: number, treeSize: number): void {
  assertTreeSize(index, "index");
  assertTreeSize(treeSize, "treeSize");
  if (index >= treeSize) throw new RangeError(`index ${index} is not below tree size ${treeSize}`);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), as coordinates. Siblings nearest the leaf come first. */
export function inclusionProofPlan(index: number, treeSize: number): ProofPlan {
  assertIndexInTree(index, treeSize);
  const path = (m: number, start: number, n: number): ProofPlan => {
    if (n === 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...path(m, start, k), perfectSubtrees(start + k, start + n)];
    return [...path(m - k, start + k, n - k), perfectSubtrees(start, start + k)];
  };
  return path(index, 0, treeSize);
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), as coordinates. Empty when m is 0 or n. */
export function consistencyProofPlan(oldSize: number, newSize: number): ProofPlan {
  assertTreeSize(oldSize, "oldSize");
  assertTreeSize(newSize, "newSize");
  if (oldSize > newSize) throw new RangeError(`oldSize ${oldSize} exceeds newSize ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const subproof = (m: number, start: number, n: number, isOldRoot: boolean): ProofPlan => {
    // The verifier already holds the old root, so it is only sent when it is an inner node.
    if (m === n) return isOldRoot ? [] : [perfectSubtrees(start, start + n)];
    const k = splitPoint(n);
    if (m <= k) return [...subproof(m, start, k, isOldRoot), perfectSubtrees(start + k, start + n)];
    return [...subproof(m - k, start + k, n - k, false), perfectSubtrees(start, start + k)];
  };
  return subproof(oldSize, 0, newSize, true);
}

/** The perfect subtrees whose hashes fold into the root of a tree of treeSize. */
export function treeRootPlan(treeSize: number): HashCoord[] {
  assertTreeSize(treeSize, "treeSize");
  return perfectSubtrees(0, treeSize);
}

/** Distinct coordinates a plan needs, for a storage layer that fetches O(log n) rows. */
export function planCoords(plan: readonly (readonly HashCoord[])[]): HashCoord[] {
  const seen = new Map<string, HashCoord>();
  for (const group of plan) for (const c of group) seen.set(`${c.level}/${c.index}`, c);
  return [...seen.values()];
}

async function resolvePlan(reader: HashReader, plan: ProofPlan): Promise<Uint8Array[]> {
  const coords = planCoords(plan);
  if (coords.length === 0) return [];
  const hashes = await reader.readHashes(coords);
  if (!Array.isArray(hashes) || hashes.length !== coords.length) {
    throw new ProofError(`hash reader returned ${hashes?.length} hashes for ${coords.length} coordinates`);
  }
  const byKey = new Map<string, Uint8Array>();
  coords.forEach((c, i) => {
    assertHash(hashes[i], `hash at level ${c.level} index ${c.index}`);
    byKey.set(`${c.level}/${c.index}`, hashes[i]);
  });
  return plan.map((group) => foldRight(group.map((c) => byKey.get(`${c.level}/${c.index}`) as Uint8Array)));
}

export function inclusionProof(reader: HashReader, query: { index: number; treeSize: number }): Promise<Uint8Array[]> {
  return resolvePlan(reader, inclusionProofPlan(query.index, query.treeSize));
}

export function consistencyProof(
  reader: HashReader,
  sizes: { oldSize: number; newSize: number },
): Promise<Uint8Array[]> {
  return resolvePlan(reader, consistencyProofPlan(sizes.oldSize, sizes.newSize));
}

export async function treeRoot(reader: HashReader, treeSize: number): Promise<Uint8Array> {
  const [root] = await resolvePlan(reader, [treeRootPlan(treeSize)]);
  return root;
}

export interface InclusionInput {
  readonly leafHash: Uint8Array;
  readonly index: number;
  readonly treeSize: number;
  readonly proof: readonly Uint8Array[];
}

function isHash(h: unknown): h is Uint8Array {
  if (!(h instanceof Uint8Array)) throw new TypeError("hashes must be Uint8Arrays");
  return h.length === HASH_SIZE;
}

/** RFC 9162 §2.1.3.2 steps 1–4; null where the algorithm says "fail". */
function walkInclusion(input: InclusionInput): Uint8Array | null {
  const { leafHash, index, treeSize, proof } = input;
  assertTreeSize(index, "index");
  assertTreeSize(treeSize, "treeSize");
  if (!Array.isArray(proof)) throw new TypeError("proof must be an array");
  if (!isHash(leafHash) || !proof.every(isHash)) return null;
  if (index >= treeSize) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** The root an inclusion proof commits to. Throws ProofError if the proof is malformed for that index and size. */
export function rootFromInclusionProof(input: InclusionInput): Uint8Array {
  const root = walkInclusion(input);
  if (root === null)
    throw new ProofError(`inclusion proof does not fit index ${input.index} in a tree of ${input.treeSize}`);
  return root;
}

export function verifyInclusion(input: InclusionInput & { readonly root: Uint8Array }): boolean {
  const root = walkInclusion(input);
  return root !== null && isHash(input.root) && bytesEqual(root, input.root);
}

export interface ConsistencyInput {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/** RFC 9162 §2.1.4.2, with the trivial cases (equal sizes, empty old tree) handled as transparency-dev/merkle does. */
export function verifyConsistency(input: ConsistencyInput): boolean {
  const { oldSize, newSize, oldRoot, newRoot, proof } = input;
  assertTreeSize(oldSize, "oldSize");
  assertTreeSize(newSize, "newSize");
  if (!Array.isArray(proof)) throw new TypeError("proof must be an array");
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  if (oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  // Step 2: a perfect old tree is itself a node of the new tree, so its root starts the path.
  const isPowerOfTwo = splitPoint(oldSize + 1) === oldSize;
  const path = isPowerOfTwo ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}
