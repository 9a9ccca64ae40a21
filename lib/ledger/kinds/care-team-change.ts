import { defineLeafKind } from "./define-leaf-kind";

/** A care-team membership change, "add" or "remove" (CareTeamChange). Changing this list breaks verification of old leaves: bump `version` instead. */
export const careTeamChangeKind = defineLeafKind({
  kind: "care_team_change",
  version: 1,
  table: "CareTeamChange",
  fields: ["id", "patientId", "userId", "change", "byId", "createdAt"],
});
