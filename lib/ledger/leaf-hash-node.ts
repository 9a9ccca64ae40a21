import "server-only";
import crypto from "node:crypto";
import { leafTextFor, type LeafKind } from "./kinds";
import { setNodeSha256 } from "./merkle";

// Interior nodes too: same SHA-256, through OpenSSL. Returned as a plain Uint8Array view, like @noble's.
setNodeSha256((data) => {
  const b = crypto.hash("sha256", data, "buffer");
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
});

/**
 * RFC 9162 leaf hash of leaf text (UTF-8), with node:crypto: the same hash as merkle.leafHash
 * (@noble, kept there so the proof code also runs in browsers) but several times faster on
 * leaf-sized inputs. Writers hash every anchored row and verification rehashes all of them,
 * so both use this one; any divergence would flag every row at the next verification.
 */
export function leafHashOfText(leafText: string): Buffer {
  // One-shot hash of "\0" + text: U+0000 is the single byte 0x00 in UTF-8, i.e. the leaf prefix.
  return crypto.hash("sha256", `\0${leafText}`, "buffer");
}

export function leafHashOfRow(kind: LeafKind, row: Record<string, unknown>): Buffer {
  return leafHashOfText(leafTextFor(kind, row));
}
