import { z } from "zod";
import { REPORT_CATALOG, REPORT_SORT_LABELS, REPORT_TYPES, type TReportType } from "./report-catalog";

export { REPORT_TYPES, type TReportType };

/** How a sortable report orders its rows; every order ends in time, then event id. */
export type TReportSort = keyof typeof REPORT_SORT_LABELS;
export const REPORT_SORTS = Object.keys(REPORT_SORT_LABELS) as [TReportSort, ...TReportSort[]];

/** The longest period a report may cover: HIPAA's six-year accounting window and a day's slack. */
export const MAX_REPORT_PERIOD_DAYS = 6 * 366 + 1;
const DAY_MS = 86_400_000;

const ZInstant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z" });

/**
 * A request to issue a report: its type, the patient for a patient-scoped type (by id: an MRN is
 * looked up through the blind index by the form, never sent here), the erasure request for an
 * erasure certificate, and the period where the type takes one. Which fields a type needs is in its catalog entry.
 */
export const ZIssueReportRequest = z
  .strictObject({
    type: z.enum(REPORT_TYPES, { error: `type must be one of: ${REPORT_TYPES.join(", ")}` }),
    patientId: z.uuid("patientId must be a patient's id (uuid).").optional(),
    erasureRequestId: z.uuid("erasureRequestId must be an erasure request's id (uuid).").optional(),
    period: z.strictObject({ from: ZInstant, to: ZInstant }).optional(),
    sort: z.enum(REPORT_SORTS, { error: `sort must be one of: ${REPORT_SORTS.join(", ")}` }).optional(),
  })
  .superRefine((r, ctx) => {
    const entry = REPORT_CATALOG.find((e) => e.type === r.type);
    if (!entry) return;
    if (entry.scope === "patient" && !r.patientId)
      ctx.addIssue({
        code: "custom",
        path: ["patientId"],
        message: `${entry.title}: the report is about one patient, give patientId`,
      });
    if (entry.scope !== "patient" && r.patientId)
      ctx.addIssue({
        code: "custom",
        path: ["patientId"],
        message: `${entry.title}: the report is not about one patient`,
      });
    if (entry.scope === "erasure" && !r.erasureRequestId)
      ctx.addIssue({
        code: "custom",
        path: ["erasureRequestId"],
        message: `${entry.title}: the report certifies one erasure, give erasureRequestId`,
      });
    if (entry.scope !== "erasure" && r.erasureRequestId)
      ctx.addIssue({
        code: "custom",
        path: ["erasureRequestId"],
        message: `${entry.title}: the report is not about one erasure`,
      });
    if (entry.period === "none" && r.period)
      ctx.addIssue({
        code: "custom",
        path: ["period"],
        message: `${entry.title}: the report is as of its issue and takes no period`,
      });
    if (r.sort && !entry.sortable)
      ctx.addIssue({ code: "custom", path: ["sort"], message: `${entry.title}: the report takes no sort order` });
    if (entry.period === "required" && !r.period)
      ctx.addIssue({
        code: "custom",
        path: ["period"],
        message: `${entry.title}: the report needs a period {from, to}`,
      });
    if (r.period) {
      const from = Date.parse(r.period.from);
      const to = Date.parse(r.period.to);
      if (from > to)
        ctx.addIssue({ code: "custom", path: ["period"], message: "period.from must not be after period.to" });
      else if (to - from > MAX_REPORT_PERIOD_DAYS * DAY_MS)
        ctx.addIssue({ code: "custom", path: ["period"], message: "a period may cover at most six years" });
    }
  });
export type TIssueReportRequest = z.infer<typeof ZIssueReportRequest>;
