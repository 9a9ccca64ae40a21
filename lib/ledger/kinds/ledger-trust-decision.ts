import { defineLeafKind } from "./define-leaf-kind";

/**
 * The approval (by a second administrator) or rejection of a LedgerTrustRequest
 * (LedgerTrustDecision). Changing this list breaks verification of old leaves: bump `version` instead.
 */
export const ledgerTrustDecisionKind = defineLeafKind({
  kind: "ledger_trust_decision",
  version: 1,
  table: "LedgerTrustDecision",
  fields: ["id", "requestId", "approved", "decidedById", "createdAt"],
});
