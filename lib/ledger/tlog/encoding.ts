// Byte encodings shared by the ledger formats: RFC 4648 §4 base64 (standard alphabet, padded) and hex.
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

export { bytesToHex, concatBytes, hexToBytes, utf8ToBytes };

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// String.fromCharCode spreads its arguments on the stack; chunking keeps large inputs safe.
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytesToBase64: expected a Uint8Array");
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/**
 * Decodes canonical padded base64 only. atob alone tolerates whitespace, missing padding and
 * non-zero trailing bits, which would give one signature or hash several valid spellings.
 */
export function base64ToBytes(text: string): Uint8Array {
  if (typeof text !== "string") throw new TypeError("base64ToBytes: expected a string");
  if (!BASE64_RE.test(text)) throw new RangeError("base64ToBytes: not canonical padded base64");
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  if (bytesToBase64(out) !== text) throw new RangeError("base64ToBytes: non-canonical trailing bits");
  return out;
}

/** Compares without an early exit so timing does not reveal the first differing byte. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) {
    throw new TypeError("bytesEqual: expected two Uint8Arrays");
  }
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** Strict UTF-8 decoding: invalid sequences throw instead of becoming U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("utf8Decode: expected a Uint8Array");
  return utf8Decoder.decode(bytes);
}

/** Big-endian uint32 of the first four bytes (key IDs in signed notes). */
export function readUint32BE(bytes: Uint8Array, offset = 0): number {
  if (offset < 0 || offset + 4 > bytes.length) throw new RangeError("readUint32BE: out of range");
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0, false);
}

export function uint32ToBytes(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError("uint32ToBytes: value must be an integer in [0, 2^32)");
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}
