import { defineLeafKind, pickLeafFields, sha256HexOf } from "./define-leaf-kind";

const FIELDS = [
  "id",
  "caseId",
  "action",
  "fromState",
  "toState",
  "alertIds",
  "ownerId",
  "discoveredAt",
  "discoveredHow",
  "assessment",
  "determination",
  "sanctionTier",
  "notifiedAt",
  "byId",
  "createdAt",
] as const;

/**
 * One change of a privacy case (PrivacyCaseTransition): ids, codes, dates and the assessment's
 * levels only. A note or the assessment's rationales are staff free text, sealed under the case's
 * key: the leaf carries the SHA-256 of that ciphertext (null without one), never the text, so a
 * rewritten note fails verification. Changing this format breaks verification of old leaves: add a
 * version instead.
 */
export const caseTransitionKind = defineLeafKind({
  kind: "case_transition",
  version: 1,
  table: "PrivacyCaseTransition",
  fields: [...FIELDS, "sealed"],
  toLeafObject: (row) => ({ ...pickLeafFields(row, FIELDS), sealedSha256: sha256HexOf(row.sealed) }),
});
