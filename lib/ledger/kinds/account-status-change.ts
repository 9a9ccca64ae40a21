import { defineLeafKind } from "./define-leaf-kind";

/** An admin's change of an account's status: active, disabled or terminated (AccountStatusChange). Changing this list breaks verification of old leaves: bump `version` instead. */
export const accountStatusChangeKind = defineLeafKind({
  kind: "account_status_change",
  version: 1,
  table: "AccountStatusChange",
  fields: ["id", "userId", "status", "byId", "createdAt"],
});
