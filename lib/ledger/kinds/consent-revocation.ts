import { defineLeafKind } from "./define-leaf-kind";

/** The end of a consent (ConsentRevocation). Changing this list breaks verification of old leaves: bump `version` instead. */
export const consentRevocationKind = defineLeafKind({
  kind: "consent_revocation",
  version: 1,
  table: "ConsentRevocation",
  fields: ["id", "consentId", "revokedById", "createdAt"],
});
