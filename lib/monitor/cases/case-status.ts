// A privacy case's states and the changes an officer may make (docs/privacy-cases.md, "States"):
// intake → investigating → determined → closed, with new alerts sending a determined case back to
// investigating. Pure: the decision table is tested on its own (case-status.test.ts).
import { checkDetermination, type TAssessmentCodes } from "./breach-assessment";
import type { TCaseState, TDetermination, TDiscoveryMethod, TSanctionTier } from "./case-codes";

export type TCaseFacts = {
  state: TCaseState;
  ownerId: string | null;
  discoveredAt: Date;
  discoveredHow: TDiscoveryMethod;
  determination: TDetermination | null;
  sanctionTier: TSanctionTier | null;
  notifiedAt: Date | null;
  /** When the case was opened: the first escalation, which discovery may precede but never follow. */
  openedAt: Date;
  /** The latest assessment's codes, or null before the first one. */
  assessment: Pick<TAssessmentCodes, "conclusion"> | null;
};

export type TCaseChange =
  | { action: "alerts_added" }
  | { action: "intake"; discoveredAt: Date; discoveredHow: TDiscoveryMethod }
  | { action: "assign"; ownerId: string }
  | { action: "start_investigation" }
  | { action: "assess" }
  | { action: "determine"; determination: TDetermination; sanctionTier: TSanctionTier }
  | { action: "notify"; notifiedAt: Date }
  | { action: "close" }
  | { action: "note" };

export type TCaseRefusal =
  | "case_closed"
  | "wrong_state"
  | "no_change"
  | "discovery_in_future"
  | "discovery_after_escalation"
  | "notified_in_future"
  | "notified_before_discovery"
  | "already_notified"
  | "not_a_breach"
  | "notification_required"
  | "sanction_on_explained"
  | "assessment_required"
  | "assessment_presumes_breach";

export type TCaseDecision =
  { ok: true; next: TCaseFacts } | { ok: false; code: TCaseRefusal | string; message: string };

const refuse = (code: TCaseRefusal | string, message: string): TCaseDecision => ({ ok: false, code, message });
const NOT_A_BREACH: readonly (TDetermination | null)[] = ["explained", "violation_not_breach"];

/**
 * The case after `change` at `now`, or why it is refused. A closed case takes notes only; intake
 * facts change until the case is determined; a determination must be supported by the assessment
 * (breach-assessment.ts); a breach closes only once individuals were notified.
 */
export function decideCaseChange(c: TCaseFacts, change: TCaseChange, now: Date): TCaseDecision {
  if (change.action === "note") return { ok: true, next: c };
  if (c.state === "closed") return refuse("case_closed", "This case is closed: it takes notes only.");
  switch (change.action) {
    case "alerts_added":
      // New incidents reopen a determined case: its determination must be made again over all of them.
      return c.state === "determined"
        ? { ok: true, next: { ...c, state: "investigating", determination: null, sanctionTier: null } }
        : { ok: true, next: c };
    case "intake":
      if (c.state === "determined")
        return refuse("wrong_state", "The case is determined: its intake no longer changes.");
      if (change.discoveredAt > now) return refuse("discovery_in_future", "Discovery cannot be in the future.");
      if (change.discoveredAt > c.openedAt)
        return refuse(
          "discovery_after_escalation",
          "Discovery cannot be later than the first escalation, when the case was opened.",
        );
      if (c.notifiedAt && change.discoveredAt > c.notifiedAt)
        return refuse("notified_before_discovery", "Discovery cannot be later than the notification.");
      if (+change.discoveredAt === +c.discoveredAt && change.discoveredHow === c.discoveredHow)
        return refuse("no_change", "The intake already says this.");
      return { ok: true, next: { ...c, discoveredAt: change.discoveredAt, discoveredHow: change.discoveredHow } };
    case "assign":
      if (c.ownerId === change.ownerId) return refuse("no_change", "The case already has this owner.");
      return { ok: true, next: { ...c, ownerId: change.ownerId } };
    case "start_investigation":
      if (c.state !== "intake") return refuse("wrong_state", "The investigation has already started.");
      return { ok: true, next: { ...c, state: "investigating" } };
    case "assess":
      if (c.state !== "investigating") return refuse("wrong_state", "Assess the case while it is being investigated.");
      return { ok: true, next: c };
    case "determine": {
      if (c.state !== "investigating")
        return refuse("wrong_state", "Determine the case while it is being investigated.");
      if (change.determination === "explained" && change.sanctionTier !== 0)
        return refuse("sanction_on_explained", "An explained case carries no sanction: choose tier 0 (none).");
      const check = checkDetermination(change.determination, c.assessment);
      if (!check.ok) return refuse(check.code, check.message);
      return {
        ok: true,
        next: { ...c, state: "determined", determination: change.determination, sanctionTier: change.sanctionTier },
      };
    }
    case "notify":
      if (c.state === "intake")
        return refuse("wrong_state", "Start the investigation before recording a notification.");
      if (c.notifiedAt) return refuse("already_notified", "The notification is already recorded.");
      if (c.state === "determined" && NOT_A_BREACH.includes(c.determination))
        return refuse("not_a_breach", "The case is determined not a breach: there is no notification to record.");
      if (change.notifiedAt > now) return refuse("notified_in_future", "The notification cannot be in the future.");
      if (change.notifiedAt < c.discoveredAt)
        return refuse("notified_before_discovery", "The notification cannot precede the discovery.");
      return { ok: true, next: { ...c, notifiedAt: change.notifiedAt } };
    case "close":
      if (c.state !== "determined") return refuse("wrong_state", "Determine the case before closing it.");
      if (c.determination === "breach" && !c.notifiedAt)
        return refuse("notification_required", "A breach closes once the notification of individuals is recorded.");
      return { ok: true, next: { ...c, state: "closed" } };
  }
}
