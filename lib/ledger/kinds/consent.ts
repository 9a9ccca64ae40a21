import { defineLeafKind } from "./define-leaf-kind";

/**
 * A patient's consent directive (Consent). Grantee refs are user ids, role names or directory
 * department names, never free text. Changing this list breaks verification of old leaves: bump
 * `version` instead.
 */
export const consentKind = defineLeafKind({
  kind: "consent",
  version: 1,
  table: "Consent",
  fields: [
    "id",
    "patientId",
    "provisionType",
    "granteeType",
    "granteeRef",
    "purposes",
    "resourceTypes",
    "periodStart",
    "periodEnd",
    "recordedById",
    "createdAt",
  ],
});
