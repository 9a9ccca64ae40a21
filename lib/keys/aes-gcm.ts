import "server-only";
import crypto from "node:crypto";

// AES-256-GCM (NIST SP 800-38D) from node:crypto: 96-bit random IV per message, 128-bit tag
// appended to the ciphertext, caller-supplied associated data bound into the tag.

export type TSealed = { iv: Buffer; ciphertext: Buffer };

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): TSealed {
  if (key.length !== 32) throw new RangeError("AES-256-GCM key must be 32 bytes");
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext: Buffer.concat([body, cipher.getAuthTag()]) };
}

/** Throws when the key, IV, ciphertext or associated data do not match. */
export function open(key: Uint8Array, sealed: TSealed, aad: string): Buffer {
  if (key.length !== 32) throw new RangeError("AES-256-GCM key must be 32 bytes");
  if (sealed.iv.length !== 12 || sealed.ciphertext.length < 16) throw new RangeError("malformed ciphertext");
  const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - 16);
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - 16);
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, sealed.iv);
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}
