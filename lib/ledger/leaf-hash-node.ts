import "server-only";
import crypto from "node:crypto";
import { leafTextFor, type LeafKind } from "./kinds";
import { HASH_SIZE, setNodeSha256 } from "./tlog/merkle";

// Digests are taken as "binary" (latin1) text (one char per byte) and copied out, not as a Buffer: a
// Buffer result allocates a fresh ArrayBuffer per call, which costs more than hashing a
// 65-byte node (three times the time, measured), and full verification hashes two million.
function sha256Latin1(data: string | Uint8Array): string {
  return crypto.hash("sha256", data, "binary");
}

function copyDigest(digest: string, out: Uint8Array, offset: number): void {
  for (let k = 0; k < HASH_SIZE; k++) out[offset + k] = digest.charCodeAt(k);
}

// Interior nodes too: same SHA-256, through OpenSSL. A small Uint8Array lives on V8's heap.
setNodeSha256(
  (data) => {
    const out = new Uint8Array(HASH_SIZE);
    copyDigest(sha256Latin1(data), out, 0);
    return out;
  },
  (data, out, offset) => copyDigest(sha256Latin1(data), out, offset),
);

/**
 * RFC 9162 leaf hash of leaf text (UTF-8), with node:crypto: the same hash as merkle.leafHash
 * (@noble, kept there so the proof code also runs in browsers) but several times faster on
 * leaf-sized inputs. Writers hash every anchored row and verification rehashes all of them,
 * so both use this one; any divergence would flag every row at the next verification.
 */
export function leafHashOfText(leafText: string): Buffer {
  return Buffer.from(leafDigest(leafText), "latin1");
}

/** leafHashOfText written into `out` at `offset`. */
export function writeLeafHashOfText(leafText: string, out: Uint8Array, offset: number): void {
  copyDigest(leafDigest(leafText), out, offset);
}

function leafDigest(leafText: string): string {
  // One-shot hash of "\0" + text: U+0000 is the single byte 0x00 in UTF-8, i.e. the leaf prefix.
  return sha256Latin1(`\0${leafText}`);
}

export function leafHashOfRow(kind: LeafKind, row: Record<string, unknown>): Buffer {
  return leafHashOfText(leafTextFor(kind, row));
}
