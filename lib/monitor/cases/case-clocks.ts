// The notification clocks a case runs from its discovery (docs/privacy-cases.md, "Clocks"). Pure:
// case-clocks.test.ts checks them across DST changes and month ends.
import { z } from "zod";
import type { TDetermination } from "./case-codes";
import { DEFAULT_OTHER_CLOCKS, FIXED_CLOCK_RULES, type TClockRule } from "./clock-rules";
import { addBusinessDays, addCalendarDays } from "./zoned-time";

export { DEFAULT_OTHER_CLOCKS, FIXED_CLOCK_RULES, type TClockRule };

/** An IANA zone this runtime knows (Intl refuses the others). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// A clock names a law, shown to every officer: letters, digits and the punctuation of legal
// citations only (no line breaks, no markup), so it cannot carry a case's facts by accident.
const LAW_TEXT = /^[\p{L}\p{N}][\p{L}\p{N} .,;:()§&'/-]*$/u;

/** One clock as configured: `amount` units from discovery, days counted in `timeZone`'s calendar. */
export const ZClockRule: z.ZodType<TClockRule> = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, "must be 2–40 lower-case letters, digits or _, starting with a letter"),
    label: z.string().trim().min(3).max(80).regex(LAW_TEXT, "may hold letters, digits and . , ; : ( ) § & ' / - only"),
    citation: z
      .string()
      .trim()
      .min(2)
      .max(80)
      .regex(LAW_TEXT, "may hold letters, digits and . , ; : ( ) § & ' / - only"),
    unit: z.enum(["hours", "calendar_days", "business_days"]),
    amount: z.number().int().min(1).max(8_760),
    /** The zone whose calendar counts the days (ignored for hours). */
    timeZone: z.string().max(64).refine(isTimeZone, "must be an IANA time zone, e.g. America/Los_Angeles"),
  })
  .strict()
  .refine((r) => r.unit === "hours" || r.amount <= 365, {
    message: "a clock in days runs at most 365 days",
    path: ["amount"],
  });

/** About how long a clock runs, in hours (a business day counted as 7/5 of a day), to order clocks by. */
const nominalHours = (r: TClockRule) =>
  r.unit === "hours" ? r.amount : r.unit === "calendar_days" ? r.amount * 24 : (r.amount * 24 * 7) / 5;

/** The clocks cases run under a rule set's `otherClocks`: the fixed ones and the others, shortest first. */
export function caseClockRules(otherClocks: readonly TClockRule[] | undefined): readonly TClockRule[] {
  return [...FIXED_CLOCK_RULES, ...(otherClocks ?? DEFAULT_OTHER_CLOCKS)].sort(
    (a, b) => nominalHours(a) - nominalHours(b),
  );
}

/** The clocks of the built-in rule set (before any configuration). */
export const CASE_CLOCK_RULES: readonly TClockRule[] = caseClockRules(undefined);

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
