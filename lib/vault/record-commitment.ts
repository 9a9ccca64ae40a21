import "server-only";
import crypto from "node:crypto";

// Keyed commitment to a record version's plaintext: HMAC-SHA-256 (RFC 2104) under a key derived
// from the patient's data key with HKDF-SHA-256 (RFC 5869). Anchored in the ledger instead of a
// plain hash, so that once the data key is destroyed nobody can test a guessed record against
// it (EDPB Guidelines 02/2025). Changing the info string breaks verification of old versions.

const COMMIT_INFO = "healthledger/record-commitment/v1";

export function commitmentKey(dek: Uint8Array): Buffer {
  if (dek.length !== 32) throw new RangeError("data key must be 32 bytes");
  return Buffer.from(crypto.hkdfSync("sha256", dek, Buffer.alloc(0), COMMIT_INFO, 32));
}

export function recordCommitment(key: Uint8Array, canonicalPlaintext: Uint8Array): Buffer {
  if (key.length !== 32) throw new RangeError("commitment key must be 32 bytes");
  return crypto.createHmac("sha256", key).update(canonicalPlaintext).digest();
}
