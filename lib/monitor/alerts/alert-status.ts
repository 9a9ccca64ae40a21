// An alert's states, the changes an officer may make, and the codes that go with them
// (docs/monitoring-pipeline.md, "Alert states"). Pure: the decision table is tested on its own.
import type { TSeverity } from "../rules/types";

export const ALERT_STATUSES = ["new", "under_review", "closed", "escalated"] as const;
export type TAlertStatus = (typeof ALERT_STATUSES)[number];

/** Alerts still waiting for an officer: what the dashboard counts as open. */
export const OPEN_ALERT_STATUSES: readonly TAlertStatus[] = ["new", "under_review"];

/** 1 is the most urgent; an alert starts at its severity's priority and an officer may change it. */
export const PRIORITY_OF_SEVERITY: Record<TSeverity, number> = { critical: 1, high: 2, medium: 3, low: 4 };

export const priorityOf = (severity: string): number => PRIORITY_OF_SEVERITY[severity as TSeverity] ?? 3;

/** Why an alert was closed: a fixed list, so reports and the queue count reasons, not phrasings. */
export const ALERT_CLOSE_REASONS = {
  "clinical-care": "Explained by care the patient received",
  "job-duties": "Explained by the employee's duties (registration, billing, coding, quality)",
  "patient-authorized": "The patient asked for or authorised the access",
  "false-positive": "The rule matched facts that do not hold here (e.g. a common last name)",
  duplicate: "Covered by another alert",
  "test-or-training": "Test, training or demonstration account",
  acknowledged: "Acknowledged (looked at and put away)",
} as const;
export type TAlertCloseReason = keyof typeof ALERT_CLOSE_REASONS;

export type TAlertState = { status: string; ownerId: string | null; priority: number };

export type TAlertChange =
  | { action: "start_review" }
  | { action: "close"; reasonCode: TAlertCloseReason }
  | { action: "escalate" }
  | { action: "assign"; ownerId: string }
  | { action: "set_priority"; priority: number };

export type TAlertDecision =
  | { ok: true; next: TAlertState; reasonCode: string | null }
  | { ok: false; code: "alert_closed" | "not_new" | "no_change"; message: string };

const isOpen = (status: string) => (OPEN_ALERT_STATUSES as readonly string[]).includes(status);

/**
 * The next state of an alert after a change by `byId`, or why the change is refused: only open
 * alerts change; a review starts from "new" (and gives the alert to the reviewer if it had no
 * owner); closing and escalating are final; assigning or re-prioritising to the same value is
 * refused rather than anchored as a change that changed nothing.
 */
export function decideAlertChange(current: TAlertState, change: TAlertChange, byId: string): TAlertDecision {
  if (!isOpen(current.status))
    return {
      ok: false,
      code: "alert_closed",
      message: `This alert is ${current.status.replace("_", " ")}: it no longer changes.`,
    };
  switch (change.action) {
    case "start_review":
      if (current.status !== "new")
        return { ok: false, code: "not_new", message: "This alert is already under review." };
      return {
        ok: true,
        next: { ...current, status: "under_review", ownerId: current.ownerId ?? byId },
        reasonCode: null,
      };
    case "close":
      return { ok: true, next: { ...current, status: "closed" }, reasonCode: change.reasonCode };
    case "escalate":
      return { ok: true, next: { ...current, status: "escalated" }, reasonCode: null };
    case "assign":
      if (current.ownerId === change.ownerId)
        return { ok: false, code: "no_change", message: "The alert already has this owner." };
      return { ok: true, next: { ...current, ownerId: change.ownerId }, reasonCode: null };
    case "set_priority":
      if (current.priority === change.priority)
        return { ok: false, code: "no_change", message: "The alert already has this priority." };
      return { ok: true, next: { ...current, priority: change.priority }, reasonCode: null };
  }
}
