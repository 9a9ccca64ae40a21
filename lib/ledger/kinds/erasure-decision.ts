import { defineLeafKind } from "./define-leaf-kind";

/**
 * A decision on a GDPR Art. 17 erasure request (ErasureDecision). The staff-written `reason` is
 * left out (free text may hold PHI); the ground code is in. Changing this list breaks
 * verification of old leaves: bump `version` instead.
 */
export const erasureDecisionKind = defineLeafKind({
  kind: "erasure_decision",
  version: 1,
  table: "ErasureDecision",
  fields: ["id", "requestId", "pseudonym", "outcome", "ground", "decidedById", "recordCount", "createdAt"],
});
