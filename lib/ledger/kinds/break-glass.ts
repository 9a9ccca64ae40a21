import { defineLeafKind, pickLeafFields, sha256HexOf, withOlderVersions } from "./define-leaf-kind";

const FIELDS = ["id", "userId", "patientId", "startedAt", "expiresAt"] as const;

/**
 * v1 (rows declared before reasons were sealed): the plaintext reason stayed out of the leaf, so
 * a rewrite of it went unnoticed.
 */
const v1 = defineLeafKind({ kind: "break_glass", version: 1, table: "BreakGlass", fields: FIELDS });

/**
 * v2: the reason is sealed under the patient's data key (BreakGlass.sealedReason, see
 * lib/keys/patient-text.ts) and the leaf carries the SHA-256 of that ciphertext, so a rewritten
 * reason fails verification while the leaf reveals nothing (the ciphertext has a random IV).
 */
const v2 = defineLeafKind({
  kind: "break_glass",
  version: 2,
  table: "BreakGlass",
  fields: [...FIELDS, "sealedReason"],
  toLeafObject: (row) => ({ ...pickLeafFields(row, FIELDS), reasonSha256: sha256HexOf(row.sealedReason) }),
});

/**
 * An emergency access declaration (BreakGlass). Changing a version's format breaks verification
 * of the leaves already sealed under it: add a version instead.
 */
export const breakGlassKind = withOlderVersions(v2, [v1], (row) => (row.sealedReason == null ? 1 : 2));
