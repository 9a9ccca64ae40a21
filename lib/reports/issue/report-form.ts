/**
 * The issue request a report form posts: type, optional patient id, and an optional period given
 * as two calendar dates (UTC; "to" is inclusive, so it ends at the next midnight). Anything else
 * is passed on as it came, for the request's validator to name.
 */
export function reportRequestFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const request: Record<string, unknown> = { type: form.get("type") };
  const patientId = text("patientId");
  if (patientId) request.patientId = patientId;
  const sort = text("sort");
  if (sort) request.sort = sort;
  const from = text("from");
  const to = text("to");
  if (from || to) request.period = { from: dayStart(from), to: dayStart(to, 1) };
  return request;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of a yyyy-mm-dd date plus `days`, or the text itself (refused by the validator). */
export function dayStart(date: string | undefined, days = 0): string | undefined {
  if (!date || !DATE.test(date)) return date;
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? date : new Date(t + days * 86_400_000).toISOString();
}

/**
 * What a report form's server action answers: the build it started (followed by the form through
 * the report's status resource) and, for staff, what the report is about.
 */
export type TIssueFormState = {
  ok: boolean;
  message: string | null;
  reportId?: string;
  /** e.g. "about patient pt_…", shown with the report once it is ready. */
  subject?: string;
};
