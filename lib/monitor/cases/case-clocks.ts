// The notification clocks a case runs from its discovery (docs/privacy-cases.md, "Clocks"). Pure:
// case-clocks.test.ts checks them across DST changes and month ends.
import type { TDetermination } from "./case-codes";
import { addBusinessDays, addCalendarDays } from "./zoned-time";

export type TClockRule = {
  id: string;
  label: string;
  citation: string;
  unit: "hours" | "calendar_days" | "business_days";
  amount: number;
  /** The zone whose calendar counts the days (ignored for hours). */
  timeZone: string;
};

/**
 * The clocks every case runs. HIPAA and GDPR are law for every covered entity here; California's is
 * the example of a state clock (it applies to California-licensed facilities). Business days are
 * weekdays: public holidays are not counted out, so such a deadline may fall a day early, never late.
 */
export const CASE_CLOCK_RULES: readonly TClockRule[] = [
  {
    id: "gdpr_art33",
    label: "GDPR supervisory authority (72 hours)",
    citation: "GDPR Art. 33(1)",
    unit: "hours",
    amount: 72,
    timeZone: "UTC",
  },
  {
    id: "ca_hsc_1280_15",
    label: "California patients and CDPH (15 business days)",
    citation: "Cal. Health & Safety Code 1280.15(b)",
    unit: "business_days",
    amount: 15,
    timeZone: "America/Los_Angeles",
  },
  {
    id: "hipaa_individual",
    label: "HIPAA individual notice (60 calendar days)",
    citation: "45 CFR 164.404(b)",
    unit: "calendar_days",
    amount: 60,
    timeZone: "America/New_York",
  },
];

/** running: before its deadline; overdue: past it; stopped: not a breach; met / late: notified on time or after. */
export type TClockStatus = "running" | "overdue" | "stopped" | "met" | "late";

export type TClock = { rule: TClockRule; dueAt: Date; status: TClockStatus };

export type TClockInput = {
  discoveredAt: Date;
  determination: TDetermination | null;
  notifiedAt: Date | null;
  now: Date;
};

export function dueAt(rule: TClockRule, discoveredAt: Date): Date {
  switch (rule.unit) {
    case "hours":
      return new Date(discoveredAt.getTime() + rule.amount * 3_600_000);
    case "calendar_days":
      return addCalendarDays(discoveredAt, rule.amount, rule.timeZone);
    case "business_days":
      return addBusinessDays(discoveredAt, rule.amount, rule.timeZone);
  }
}

/**
 * Each clock's deadline and status. A clock stops for good once the case is determined not a breach
 * (explained, or a violation that is not a breach) and is met (or late) once the notification is
 * recorded; a referred case keeps its clocks running (a law-enforcement delay, 164.412, is recorded
 * as a note, not assumed).
 */
export function computeClocks(c: TClockInput, rules: readonly TClockRule[] = CASE_CLOCK_RULES): TClock[] {
  return rules.map((rule) => {
    const due = dueAt(rule, c.discoveredAt);
    const status: TClockStatus = c.notifiedAt
      ? c.notifiedAt <= due
        ? "met"
        : "late"
      : c.determination === "explained" || c.determination === "violation_not_breach"
        ? "stopped"
        : c.now > due
          ? "overdue"
          : "running";
    return { rule, dueAt: due, status };
  });
}

/** The clock a queue shows: the earliest deadline still running or overdue, or null. */
export function nearestClock(clocks: readonly TClock[]): TClock | null {
  const live = clocks.filter((c) => c.status === "running" || c.status === "overdue");
  return live.reduce<TClock | null>((a, c) => (!a || c.dueAt < a.dueAt ? c : a), null);
}
