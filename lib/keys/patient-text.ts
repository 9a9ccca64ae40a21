import "server-only";
import { open, seal } from "./aes-gcm";

// Free text about a patient (a break-glass reason, an erasure decision's reason, a disclosure
// recipient, an alert note) is PHI until proven otherwise: it is sealed with AES-256-GCM under
// the patient's data key, stored as iv ‖ ciphertext ‖ tag, so erasing the key erases the text
// too. The associated data names the column, the patient and the row: a ciphertext copied to
// another row, patient or column fails to open.

const IV_LENGTH = 12;

/** Where a sealed value lives. `column` is part of the persisted format: never rename one. */
export type TSealedPlace = { column: string; patientId: string; rowId: string };

/** Shown instead of a text whose key was destroyed by erasure. */
export const ERASED_TEXT = { erased: true } as const;
export type TErasedText = typeof ERASED_TEXT;
export type TPatientText = string | TErasedText;

const aad = (p: TSealedPlace) => `${p.column}:${p.patientId}:${p.rowId}`;

export function sealPatientBytes(dek: Uint8Array, place: TSealedPlace, plaintext: Uint8Array): Buffer {
  const { iv, ciphertext } = seal(dek, plaintext, aad(place));
  return Buffer.concat([iv, ciphertext]);
}

/** Throws when the key is not the patient's, or the value was moved, truncated or altered. */
export function openPatientBytes(dek: Uint8Array, place: TSealedPlace, sealed: Uint8Array): Buffer {
  const buf = Buffer.from(sealed);
  return open(dek, { iv: buf.subarray(0, IV_LENGTH), ciphertext: buf.subarray(IV_LENGTH) }, aad(place));
}

export function sealPatientText(dek: Uint8Array, place: TSealedPlace, text: string): Buffer {
  return sealPatientBytes(dek, place, Buffer.from(text, "utf8"));
}

/**
 * The text of a column that holds either a sealed value or, in rows written before sealing, the
 * plaintext (`legacy`). With no key (the patient was erased) a sealed value is the erased marker,
 * never an error: pages list erased patients' rows like any other.
 */
export function readPatientText(
  dek: Uint8Array | null,
  place: TSealedPlace,
  stored: { sealed: Uint8Array | null; legacy?: string | null },
): TPatientText {
  if (stored.sealed) return dek ? openPatientBytes(dek, place, stored.sealed).toString("utf8") : ERASED_TEXT;
  return stored.legacy ?? ERASED_TEXT;
}

export function isErasedText(t: TPatientText): t is TErasedText {
  return typeof t !== "string";
}
