// The audit log review's summaries (ONC 170.315(d)(3) asks that the log can be reviewed by user,
// action and outcome, and by patient): one count per key, with the denials among them. Pure.
import type { TReviewEvent } from "./read-period-events";

export type TReviewCount = { key: string; label: string; events: number; failures: number; patients: number };

function summarise(
  events: readonly TReviewEvent[],
  keyOf: (e: TReviewEvent) => string,
  labelOf: (e: TReviewEvent) => string,
): TReviewCount[] {
  const byKey = new Map<string, { label: string; events: number; failures: number; patients: Set<string> }>();
  for (const e of events) {
    const key = keyOf(e);
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { label: labelOf(e), events: 0, failures: 0, patients: new Set() }));
    s.events++;
    if (e.outcome !== "0") s.failures++;
    if (e.patientPseudonym) s.patients.add(e.patientPseudonym);
  }
  return [...byKey.entries()]
    .map(([key, s]) => ({ key, label: s.label, events: s.events, failures: s.failures, patients: s.patients.size }))
    .sort((a, b) => b.events - a.events || a.key.localeCompare(b.key));
}

const OUTCOMES: Record<string, string> = { "0": "success", "4": "minor failure (denied)", "8": "serious failure" };

export function summariseReview(events: readonly TReviewEvent[]) {
  return {
    byUser: summarise(
      events,
      (e) => `${e.actorId ?? "-"}|${e.actorRole ?? ""}`,
      (e) =>
        [e.actorName ?? (e.actorId ? "(unknown account)" : "(no user: system)"), e.actorRole]
          .filter(Boolean)
          .join(", "),
    ),
    byAction: summarise(
      events,
      (e) => `${e.action}|${e.type}|${e.subtype}`,
      (e) => `${e.action} ${e.type}/${e.subtype}`,
    ),
    byOutcome: summarise(
      events,
      (e) => e.outcome,
      (e) => `${e.outcome} ${OUTCOMES[e.outcome] ?? ""}`.trim(),
    ),
    byPatient: summarise(
      events,
      (e) => e.patientPseudonym ?? "-",
      (e) => e.patientPseudonym ?? "(no patient)",
    ),
  };
}
