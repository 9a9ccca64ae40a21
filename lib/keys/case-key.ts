import "server-only";
import { open, seal } from "./aes-gcm";
import { newDataKey, unwrapDataKey, wrapDataKey, type TWrappedKey } from "./patient-key";

// A privacy case's own data key, wrapped by the KEK like a patient's. Case notes and assessment
// rationales are breach documentation that must be kept six years (45 CFR 164.530(j)) and are
// exempt from erasure (GDPR Art. 17(3)(b), (e)): sealing them under a patient's key would destroy
// them with that patient's erasure, so they get a key of their own (docs/privacy-cases.md). The
// wrapping's associated data names the case ("case:<id>"), which no patient id can equal.

export const newCaseKey = newDataKey;

const owner = (caseId: string) => `case:${caseId}`;
const IV_LENGTH = 12;

export function wrapCaseKey(dek: Uint8Array, caseId: string): TWrappedKey {
  return wrapDataKey(dek, owner(caseId));
}

/** Opens with the current KEK, or the previous one during a rotation. Callers zero the key when done. */
export function unwrapCaseKey(wrapped: Uint8Array, caseId: string): Buffer {
  return unwrapDataKey(wrapped, owner(caseId));
}

/** Where a sealed case text lives. `column` is part of the persisted format: never rename one. */
export type TCaseTextPlace = { column: string; caseId: string; rowId: string };
const aad = (p: TCaseTextPlace) => `${p.column}:case:${p.caseId}:${p.rowId}`;

export function sealCaseText(dek: Uint8Array, place: TCaseTextPlace, text: string): Buffer {
  const { iv, ciphertext } = seal(dek, Buffer.from(text, "utf8"), aad(place));
  return Buffer.concat([iv, ciphertext]);
}

/** Throws when the key is not the case's or the value was moved, truncated or altered. */
export function openCaseText(dek: Uint8Array, place: TCaseTextPlace, sealed: Uint8Array): string {
  const buf = Buffer.from(sealed);
  return open(dek, { iv: buf.subarray(0, IV_LENGTH), ciphertext: buf.subarray(IV_LENGTH) }, aad(place)).toString(
    "utf8",
  );
}
