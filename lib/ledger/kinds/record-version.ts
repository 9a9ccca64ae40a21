import { defineLeafKind } from "./define-leaf-kind";

/**
 * One encrypted record version (RecordVersion). Pseudonym, resource type, ciphertext hash and
 * keyed commitment only: nothing here is destroyed by erasure, so an erased patient's leaves
 * still verify. Changing this list breaks verification of old leaves: bump `version` instead.
 */
export const recordVersionKind = defineLeafKind({
  kind: "record_version",
  version: 1,
  table: "RecordVersion",
  fields: [
    "id",
    "recordId",
    "version",
    "pseudonym",
    "resourceType",
    "ciphertextSha256",
    "commitment",
    "authorId",
    "createdAt",
  ],
});
