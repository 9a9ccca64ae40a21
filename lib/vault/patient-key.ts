import "server-only";
import crypto from "node:crypto";
import { serverEnv } from "@/lib/config/env";
import { open, seal } from "./aes-gcm";

// Envelope encryption: each patient has a random 256-bit data key (DEK), stored only wrapped
// by the key-encryption key (KEK) from configuration. The patient id is the associated data,
// so a wrapped key copied onto another patient row fails to unwrap.

export type TWrappedKey = { wrappedKey: Buffer; kekId: string };

const IV_LENGTH = 12;

export function currentKek(): { kek: Buffer; kekId: string } {
  const env = serverEnv();
  return { kek: Buffer.from(env.HL_KEK, "base64"), kekId: env.HL_KEK_ID };
}

export function newDataKey(): Buffer {
  return crypto.randomBytes(32);
}

export function wrapDataKey(dek: Uint8Array, patientId: string, kek = currentKek()): TWrappedKey {
  const { iv, ciphertext } = seal(kek.kek, dek, `dek:${patientId}`);
  return { wrappedKey: Buffer.concat([iv, ciphertext]), kekId: kek.kekId };
}

export function unwrapDataKey(wrapped: Uint8Array, patientId: string, kek = currentKek()): Buffer {
  const buf = Buffer.from(wrapped);
  return open(kek.kek, { iv: buf.subarray(0, IV_LENGTH), ciphertext: buf.subarray(IV_LENGTH) }, `dek:${patientId}`);
}
