import "server-only";
import crypto from "node:crypto";
import canonicalize from "canonicalize";
import { open, seal } from "@/lib/keys/aes-gcm";

// A record version's plaintext is the RFC 8785 canonical JSON of its FHIR resource, encrypted
// under the patient's data key with "record:<id>:v<version>" as associated data, so a
// ciphertext moved to another record or version no longer decrypts.

export type TEncryptedVersion = { iv: Buffer; ciphertext: Buffer; ciphertextSha256: Buffer; plaintext: Buffer };

export function recordAad(recordId: string, version: number): string {
  return `record:${recordId}:v${version}`;
}

export function canonicalBytes(value: unknown): Buffer {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value cannot be canonicalized as JSON");
  return Buffer.from(text, "utf8");
}

export function encryptResource(opts: {
  dek: Buffer;
  recordId: string;
  version: number;
  resource: object;
}): TEncryptedVersion {
  const plaintext = canonicalBytes(opts.resource);
  const { iv, ciphertext } = seal(opts.dek, plaintext, recordAad(opts.recordId, opts.version));
  const ciphertextSha256 = crypto.createHash("sha256").update(ciphertext).digest();
  return { iv, ciphertext, ciphertextSha256, plaintext };
}

export function decryptResource<T = unknown>(opts: {
  dek: Buffer;
  recordId: string;
  version: number;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}): T {
  const plain = open(
    opts.dek,
    { iv: Buffer.from(opts.iv), ciphertext: Buffer.from(opts.ciphertext) },
    recordAad(opts.recordId, opts.version),
  );
  return JSON.parse(plain.toString("utf8")) as T;
}
