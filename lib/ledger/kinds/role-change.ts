import { defineLeafKind } from "./define-leaf-kind";

/**
 * A request to change a user's role (RoleChange): who asked, for whom, from which role to which.
 * Changing this list breaks verification of old leaves: bump `version` instead.
 */
export const roleChangeKind = defineLeafKind({
  kind: "role_change",
  version: 1,
  table: "RoleChange",
  fields: ["id", "targetUserId", "fromRole", "toRole", "requestedById", "createdAt"],
});
