import { defineLeafKind } from "./define-leaf-kind";

/**
 * A request to reset another account's password or MFA (AccountReset): who asked, for whom, what.
 * Changing this list breaks verification of old leaves: bump `version` instead.
 */
export const accountResetKind = defineLeafKind({
  kind: "account_reset",
  version: 1,
  table: "AccountReset",
  fields: ["id", "kind", "targetUserId", "requestedById", "createdAt"],
});
