import { defineLeafKind } from "./define-leaf-kind";

/**
 * A VIP / confidential / deceased flag on a patient (PatientFlag). The period is a date about a
 * person, so the leaf carries its keyed MAC, never the dates. Changing this list breaks
 * verification of old leaves: bump `version` instead.
 */
export const patientFlagKind = defineLeafKind({
  kind: "patient_flag",
  version: 1,
  table: "PatientFlag",
  fields: ["id", "patientId", "flag", "periodMac", "byId", "createdAt"],
});
