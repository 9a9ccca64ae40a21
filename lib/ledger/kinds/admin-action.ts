import { defineLeafKind } from "./define-leaf-kind";

/**
 * An administrative action. `details` must hold ids and codes only (callers' contract: no PHI).
 * Changing this list breaks verification of old leaves: bump `version` instead.
 */
export const adminActionKind = defineLeafKind({
  kind: "admin_action",
  version: 1,
  table: "AdminAction",
  fields: ["id", "actorId", "action", "targetUserId", "details", "createdAt"],
});
