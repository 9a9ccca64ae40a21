import { defineLeafKind } from "./define-leaf-kind";

/**
 * The approval or rejection of a RoleChange (RoleChangeDecision). Changing this list breaks
 * verification of old leaves: bump `version` instead.
 */
export const roleChangeDecisionKind = defineLeafKind({
  kind: "role_change_decision",
  version: 1,
  table: "RoleChangeDecision",
  fields: ["id", "roleChangeId", "approved", "decidedById", "createdAt"],
});
