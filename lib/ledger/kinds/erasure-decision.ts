import { defineLeafKind, pickLeafFields, sha256HexOf, withOlderVersions } from "./define-leaf-kind";

const FIELDS = [
  "id",
  "requestId",
  "pseudonym",
  "outcome",
  "ground",
  "decidedById",
  "recordCount",
  "createdAt",
] as const;

/** v1 (decisions before reasons were sealed): the plaintext reason stayed out of the leaf. */
const v1 = defineLeafKind({ kind: "erasure_decision", version: 1, table: "ErasureDecision", fields: FIELDS });

/**
 * v2: the reason (approval note, refusal reason) is sealed under the patient's data key
 * (ErasureDecision.sealedReason) and the leaf carries the SHA-256 of that ciphertext, so a DBA
 * who rewrites a reason is found by verification. An approval's reason is sealed under the key
 * that the same transaction destroys: it is on the record, and nobody can read it again.
 */
const v2 = defineLeafKind({
  kind: "erasure_decision",
  version: 2,
  table: "ErasureDecision",
  fields: [...FIELDS, "sealedReason"],
  toLeafObject: (row) => ({ ...pickLeafFields(row, FIELDS), reasonSha256: sha256HexOf(row.sealedReason) }),
});

/**
 * A decision on a GDPR Art. 17 erasure request (ErasureDecision): approved, refused, or withdrawn
 * by its requester. Changing a version's format breaks verification of the leaves already sealed
 * under it (and of erasure certificates, which carry the leaf bytes): add a version instead.
 */
export const erasureDecisionKind = withOlderVersions(v2, [v1], (row) => (row.sealedReason == null ? 1 : 2));
