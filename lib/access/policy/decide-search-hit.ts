// What one search hit shows to the actor who searched (docs/access-policy.md, rule
// clinician-search). Pure, like decideAccess: a hit is decided as opening its chart would be.
import { decideAccess, type TAccessFacts } from "./decide-access";
import { POLICY_VERSION, type TPolicyRuleId } from "./policy-rules";

/** full: every identifying field the search shows; limited: name and year of birth; hidden: left out. */
export type TSearchHitView = "full" | "limited" | "hidden";

export type TSearchHitDecision = {
  view: TSearchHitView;
  rule: TPolicyRuleId;
  reason: string;
  policyVersion: string;
};

/** The facts of one hit: those of a read of the patient's record (or of the privacy resource searched for). */
export type TSearchHitFacts = Omit<TAccessFacts, "action" | "patientId"> & { patientId: string };

export function decideSearchHit(f: TSearchHitFacts): TSearchHitDecision {
  const open = decideAccess({ ...f, action: "read" });
  if (open.decision === "permit")
    return { view: "full", rule: open.rule, reason: open.reason, policyVersion: POLICY_VERSION };
  // A patient's deny means this actor should not learn that the patient is here at all.
  if (open.rule === "consent-deny" || f.actor.role !== "CLINICIAN")
    return { view: "hidden", rule: open.rule, reason: open.reason, policyVersion: POLICY_VERSION };
  return {
    view: "limited",
    rule: "clinician-search",
    reason: "No care-team membership, consent or break-glass covers you: name and year of birth only.",
    policyVersion: POLICY_VERSION,
  };
}
