import { defineLeafKind } from "./define-leaf-kind";

/**
 * An emergency access declaration (BreakGlass). The written reason is staff free text and stays
 * out of the leaf. Changing this list breaks verification of old leaves: bump `version` instead.
 */
export const breakGlassKind = defineLeafKind({
  kind: "break_glass",
  version: 1,
  table: "BreakGlass",
  fields: ["id", "userId", "patientId", "startedAt", "expiresAt"],
});
