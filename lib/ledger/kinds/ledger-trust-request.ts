import { defineLeafKind } from "./define-leaf-kind";

/**
 * A request to re-trust the ledger head after the rollback guard closed (LedgerTrustRequest):
 * the log, the head (size and root) the requester confirmed, why the guard was closed and who
 * asked. Changing this list breaks verification of old leaves: bump `version` instead.
 */
export const ledgerTrustRequestKind = defineLeafKind({
  kind: "ledger_trust_request",
  version: 1,
  table: "LedgerTrustRequest",
  fields: ["id", "logId", "treeSize", "rootHash", "guardState", "issuedTreeSize", "requestedById", "createdAt"],
});
