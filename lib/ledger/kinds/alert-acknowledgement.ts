import { defineLeafKind, pickLeafFields, sha256HexOf } from "./define-leaf-kind";

const FIELDS = ["id", "alertId", "patientId", "acknowledgedById", "createdAt"] as const;

/**
 * A compliance officer's acknowledgement of a privacy alert (PrivacyAlertAcknowledgement). The
 * optional note is staff free text sealed under the patient's data key; the leaf carries the
 * SHA-256 of its ciphertext (null without a note), so a rewritten note fails verification.
 * Changing this format breaks verification of old leaves: add a version instead.
 */
export const alertAcknowledgementKind = defineLeafKind({
  kind: "alert_acknowledgement",
  version: 1,
  table: "PrivacyAlertAcknowledgement",
  fields: [...FIELDS, "sealedNote"],
  toLeafObject: (row) => ({ ...pickLeafFields(row, FIELDS), noteSha256: sha256HexOf(row.sealedNote) }),
});
