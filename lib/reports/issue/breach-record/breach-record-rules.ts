// Which privacy cases the GDPR Art. 33(5) breach record lists, and how it words a clock: pure, so
// the decision table (breach-record-rules.test.ts) is tested without a database.
import type { TAssessmentConclusion } from "@/lib/monitor/cases/breach-assessment";
import type { TClockStatus } from "@/lib/monitor/cases/case-clocks";

/**
 * `breach`: the case was determined a breach (the record's main section). `presumed_breach`: not
 * (yet) determined a breach, still open or referred, and its latest risk assessment concludes that
 * the law presumes one (164.402: no exception, not all four factors low) — listed apart, since the
 * controller has not decided, but Art. 33(5) asks for "any" breach to be documented. Anything else
 * (explained, a violation that is not a breach, a closed case that was not a breach, a case never
 * assessed) is not in the record.
 */
export type TBreachSection = "breach" | "presumed_breach";

export function breachSectionOf(c: {
  state: string;
  determination: string | null;
  conclusion: TAssessmentConclusion | null;
}): TBreachSection | null {
  if (c.determination === "breach") return "breach";
  const undecided = c.state !== "closed" || c.determination === "referred";
  if (undecided && (c.determination === null || c.determination === "referred") && c.conclusion === "presumed_breach")
    return "presumed_breach";
  return null;
}

/** Seconds past the deadline: for a late notification, notified − due; overdue, issue time − due; otherwise null. */
export function pastDueSeconds(c: { status: TClockStatus; dueAt: Date; notifiedAt: Date | null; asOf: Date }) {
  if (c.status === "late" && c.notifiedAt) return Math.round((c.notifiedAt.getTime() - c.dueAt.getTime()) / 1000);
  if (c.status === "overdue") return Math.round((c.asOf.getTime() - c.dueAt.getTime()) / 1000);
  return null;
}

/** A duration as the PDF says it: "2 d 3 h", "5 h 12 min", "40 min". */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}

/** A clock's state in words, as of the record's issue. */
export function clockText(c: { status: TClockStatus; dueAt: Date; notifiedAt: Date | null; asOf: Date }): string {
  const past = pastDueSeconds(c);
  switch (c.status) {
    case "met":
      return `met, notified ${durationText((c.dueAt.getTime() - c.notifiedAt!.getTime()) / 1000)} before the deadline`;
    case "late":
      return `notified late by ${durationText(past!)}`;
    case "overdue":
      return `OVERDUE by ${durationText(past!)}, not notified`;
    case "running":
      return `running, ${durationText((c.dueAt.getTime() - c.asOf.getTime()) / 1000)} left`;
    case "stopped":
      return "stopped (not a breach)";
  }
}
