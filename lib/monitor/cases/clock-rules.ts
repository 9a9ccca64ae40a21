// The built-in notification clocks, as plain data: the admin form (a client component) reads them,
// so this module imports nothing (the schema that validates a configured clock is case-clocks.ts).

export type TClockUnit = "hours" | "calendar_days" | "business_days";

/** One clock: `amount` units from a case's discovery, days counted in `timeZone`'s calendar. */
export type TClockRule = {
  id: string;
  label: string;
  citation: string;
  unit: TClockUnit;
  amount: number;
  /** The zone whose calendar counts the days (ignored for hours). */
  timeZone: string;
};

/**
 * The clocks every case runs whatever the configuration: HIPAA and GDPR are law for every covered
 * entity here.
 */
export const FIXED_CLOCK_RULES: readonly TClockRule[] = [
  {
    id: "gdpr_art33",
    label: "GDPR supervisory authority (72 hours)",
    citation: "GDPR Art. 33(1)",
    unit: "hours",
    amount: 72,
    timeZone: "UTC",
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

/**
 * The other clocks when the rule set in force names none (its `otherClocks` absent): California's,
 * the example of a state clock (it applies to California-licensed facilities). Business days are
 * weekdays: public holidays are not counted out, so such a deadline may fall a day early, never late.
 */
export const DEFAULT_OTHER_CLOCKS: readonly TClockRule[] = [
  {
    id: "ca_hsc_1280_15",
    label: "California patients and CDPH (15 business days)",
    citation: "Cal. Health & Safety Code 1280.15(b)",
    unit: "business_days",
    amount: 15,
    timeZone: "America/Los_Angeles",
  },
];
