import "server-only";
import { open, seal } from "@/lib/keys/aes-gcm";
import { currentKek, previousKek } from "@/lib/keys/kek";

// TOTP secrets are stored as iv ‖ AES-256-GCM ciphertext under the KEK, with "mfa:<userId>"
// as associated data so a secret copied onto another user's row fails to open.

const IV_LENGTH = 12;

export function sealMfaSecret(userId: string, secret: Uint8Array): Uint8Array<ArrayBuffer> {
  const { iv, ciphertext } = seal(currentKek().kek, secret, `mfa:${userId}`);
  return new Uint8Array(Buffer.concat([iv, ciphertext]));
}

/** Opens with the current KEK or, during a rotation, the previous one. */
export function openMfaSecret(userId: string, stored: Uint8Array): Uint8Array {
  const buf = Buffer.from(stored);
  const sealed = { iv: buf.subarray(0, IV_LENGTH), ciphertext: buf.subarray(IV_LENGTH) };
  try {
    return new Uint8Array(open(currentKek().kek, sealed, `mfa:${userId}`));
  } catch (err) {
    const previous = previousKek();
    if (!previous) throw err;
    return new Uint8Array(open(previous.kek, sealed, `mfa:${userId}`));
  }
}
