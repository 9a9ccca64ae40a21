import { dayStart } from "../issue/report-form";

/**
 * The grant an engagement form posts: dates (UTC) become the period from the first day's midnight
 * to the end of the last day, and the expiry the end of its day. Anything malformed is passed on
 * for the validator (engagement-types.ts) to name.
 */
export function engagementRequestFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  return {
    auditorId: text("auditorId"),
    period: { from: dayStart(text("from")), to: dayStart(text("to"), 1) },
    reportTypes: form.getAll("reportTypes").filter((v) => typeof v === "string"),
    expiresAt: dayStart(text("expires"), 1),
  };
}
