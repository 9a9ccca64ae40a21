import "server-only";
import crypto from "node:crypto";
import { open, seal } from "./aes-gcm";
import { currentKek, previousKek } from "./kek";

// Envelope encryption: each patient has a random 256-bit data key (DEK), stored only wrapped
// by the key-encryption key (KEK) from configuration. The patient id is the associated data,
// so a wrapped key copied onto another patient row fails to unwrap.

export type TWrappedKey = { wrappedKey: Buffer; kekId: string };

const IV_LENGTH = 12;

export function newDataKey(): Buffer {
  return crypto.randomBytes(32);
}

export function wrapDataKey(dek: Uint8Array, patientId: string, kek = currentKek()): TWrappedKey {
  const { iv, ciphertext } = seal(kek.kek, dek, `dek:${patientId}`);
  return { wrappedKey: Buffer.concat([iv, ciphertext]), kekId: kek.kekId };
}

function unwrapWith(kek: { kek: Buffer }, wrapped: Uint8Array, patientId: string): Buffer {
  const buf = Buffer.from(wrapped);
  return open(kek.kek, { iv: buf.subarray(0, IV_LENGTH), ciphertext: buf.subarray(IV_LENGTH) }, `dek:${patientId}`);
}

/**
 * Unwrap with the given KEK, or the current one; while a rotation is under way, keys not yet
 * re-wrapped open with the previous KEK (GCM authentication tells the two apart).
 */
export function unwrapDataKey(wrapped: Uint8Array, patientId: string, kek?: { kek: Buffer }): Buffer {
  if (kek) return unwrapWith(kek, wrapped, patientId);
  try {
    return unwrapWith(currentKek(), wrapped, patientId);
  } catch (err) {
    const previous = previousKek();
    if (!previous) throw err;
    return unwrapWith(previous, wrapped, patientId);
  }
}
