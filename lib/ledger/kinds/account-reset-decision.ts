import { defineLeafKind } from "./define-leaf-kind";

/**
 * The approval or rejection of an AccountReset (AccountResetDecision). Changing this list breaks
 * verification of old leaves: bump `version` instead.
 */
export const accountResetDecisionKind = defineLeafKind({
  kind: "account_reset_decision",
  version: 1,
  table: "AccountResetDecision",
  fields: ["id", "resetId", "approved", "decidedById", "createdAt"],
});
