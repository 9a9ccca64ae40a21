// citations.json, version 1: inclusion proofs of many leaves against one checkpoint, with each
// distinct proof hash written once (docs/evidence-bundle.md#citationsjson). Persisted format:
// changing it breaks verification of issued bundles; add a version instead.
//
//   {"format":"healthledger.citations/v1","treeSize":N,"rootHash":"<b64>",
//    "leaves":[[index,"<leaf hash b64>",[node ref, …]], …],   strictly increasing indexes
//    "nodes":["<b64>", …]}                                      every node distinct and referenced
//
// A leaf's RFC 9162 audit path is nodes[ref] for each ref, sibling nearest the leaf first. The
// file must be exactly what formatCitations writes, so no two spellings of one content exist.
import { base64ToBytes, bytesEqual, bytesToBase64 } from "@/lib/ledger/tlog/encoding";
import { HASH_SIZE } from "@/lib/ledger/tlog/merkle";
import { verifyInclusion } from "@/lib/ledger/tlog/proof";

export const CITATIONS_FORMAT = "healthledger.citations/v1";
/** Issue 16 sizes reports at 100,000 cited events; leave room above that, but bound the work. */
export const MAX_CITED_LEAVES = 1_000_000;

export type TCitedLeaf = { index: number; leafHash: Uint8Array };
export type TCitationEntry = [index: number, leafHash: string, refs: number[]];
export type TCitationsFile = {
  format: typeof CITATIONS_FORMAT;
  treeSize: number;
  rootHash: string;
  leaves: TCitationEntry[];
  nodes: string[];
};

/** The opening of the file, up to the first leaf. A streaming writer emits exactly formatCitations' bytes. */
export function citationsHead(treeSize: number, rootHash: Uint8Array): string {
  return `{"format":"${CITATIONS_FORMAT}","treeSize":${treeSize},"rootHash":"${bytesToBase64(rootHash)}","leaves":[`;
}

export function formatCitations(file: TCitationsFile): string {
  const { format, treeSize, rootHash, leaves, nodes } = file;
  return JSON.stringify({ format, treeSize, rootHash, leaves, nodes });
}

export type TCitationsResult = { ok: true; leaves: TCitedLeaf[] } | { ok: false; problem: string; index?: number };

function isEntry(e: unknown): e is TCitationEntry {
  return (
    Array.isArray(e) &&
    e.length === 3 &&
    Number.isSafeInteger(e[0]) &&
    typeof e[1] === "string" &&
    Array.isArray(e[2]) &&
    e[2].every((r) => Number.isSafeInteger(r) && r >= 0)
  );
}

/** Parses citations.json and checks every inclusion proof against the checkpoint's size and root. */
export function verifyCitations(
  text: string,
  checkpoint: { treeSize: number; rootHash: Uint8Array },
): TCitationsResult {
  let file: TCitationsFile;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, problem: "citations.json is not JSON" };
  }
  if (
    typeof file !== "object" ||
    file === null ||
    file.format !== CITATIONS_FORMAT ||
    !Number.isSafeInteger(file.treeSize) ||
    typeof file.rootHash !== "string" ||
    !Array.isArray(file.leaves) ||
    !Array.isArray(file.nodes) ||
    file.leaves.length > MAX_CITED_LEAVES ||
    !file.leaves.every(isEntry) ||
    !file.nodes.every((n) => typeof n === "string")
  )
    return { ok: false, problem: `citations.json is not in the ${CITATIONS_FORMAT} format` };
  if (formatCitations(file) !== text)
    return { ok: false, problem: "citations.json is not written in its one canonical form" };
  let nodes: Uint8Array[];
  let root: Uint8Array;
  try {
    root = base64ToBytes(file.rootHash);
    nodes = file.nodes.map(base64ToBytes);
  } catch {
    return { ok: false, problem: "citations.json holds a hash that is not canonical base64" };
  }
  if (file.treeSize !== checkpoint.treeSize || !bytesEqual(root, checkpoint.rootHash))
    return {
      ok: false,
      problem: `citations.json is proved against another tree than the checkpoint's (size ${file.treeSize})`,
    };
  if (nodes.some((n) => n.length !== HASH_SIZE) || new Set(file.nodes).size !== nodes.length)
    return { ok: false, problem: "citations.json's nodes must be distinct 32-byte hashes" };
  const used = new Uint8Array(nodes.length);
  const leaves: TCitedLeaf[] = [];
  let previous = -1;
  for (const [index, hash, refs] of file.leaves) {
    if (index <= previous) return { ok: false, problem: "cited leaf indexes must be strictly increasing", index };
    previous = index;
    let leafHash: Uint8Array;
    try {
      leafHash = base64ToBytes(hash);
    } catch {
      return { ok: false, problem: `the hash of cited leaf ${index} is not canonical base64`, index };
    }
    if (refs.some((r) => r >= nodes.length))
      return { ok: false, problem: `leaf ${index} refers to a missing node`, index };
    for (const r of refs) used[r] = 1;
    const proof = refs.map((r) => nodes[r]);
    if (leafHash.length !== HASH_SIZE || !verifyInclusion({ leafHash, index, treeSize: file.treeSize, proof, root }))
      return {
        ok: false,
        problem: `the inclusion proof of cited leaf ${index} does not reach the checkpoint's root`,
        index,
      };
    leaves.push({ index, leafHash });
  }
  if (used.includes(0)) return { ok: false, problem: "citations.json lists a node no proof uses" };
  return { ok: true, leaves };
}
