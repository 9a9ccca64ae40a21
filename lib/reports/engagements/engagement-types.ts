import { z } from "zod";
import { REPORT_CATALOG, REPORT_TYPES } from "../issue/report-catalog";
import { MAX_REPORT_PERIOD_DAYS } from "../issue/report-types";

const DAY_MS = 86_400_000;
const ZInstant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z" });

/**
 * Only organization reports can be granted: an auditor holds no PHI (DESIGN.md §5), and a report
 * about one patient names them and the staff who opened their record.
 */
export const ENGAGEMENT_REPORT_TYPES = REPORT_CATALOG.filter((e) => e.scope === "organization").map((e) => e.type);

/** A compliance officer's grant: which auditor, the period their reports may cover, which types, until when. */
export const ZGrantEngagement = z
  .strictObject({
    auditorId: z.uuid("auditorId must be an auditor account's id (uuid)."),
    period: z.strictObject({ from: ZInstant, to: ZInstant }),
    reportTypes: z
      .array(z.enum(REPORT_TYPES, { error: `each report type must be one of: ${REPORT_TYPES.join(", ")}` }))
      .min(1, "give at least one report type")
      .max(REPORT_TYPES.length),
    expiresAt: ZInstant,
  })
  .superRefine((g, ctx) => {
    const from = Date.parse(g.period.from);
    const to = Date.parse(g.period.to);
    if (from >= to) ctx.addIssue({ code: "custom", path: ["period"], message: "period.from must be before period.to" });
    else if (to - from > MAX_REPORT_PERIOD_DAYS * DAY_MS)
      ctx.addIssue({ code: "custom", path: ["period"], message: "a period may cover at most six years" });
    if (new Set(g.reportTypes).size !== g.reportTypes.length)
      ctx.addIssue({ code: "custom", path: ["reportTypes"], message: "a report type is listed twice" });
    for (const t of g.reportTypes)
      if (!(ENGAGEMENT_REPORT_TYPES as readonly string[]).includes(t))
        ctx.addIssue({
          code: "custom",
          path: ["reportTypes"],
          message: `${t} is ${REPORT_CATALOG.find((e) => e.type === t)?.scope === "erasure" ? "about one erasure" : "about one patient"}: an auditor's engagement covers organization reports only`,
        });
  });
export type TGrantEngagement = z.infer<typeof ZGrantEngagement>;

export type TEngagementSummary = {
  id: string;
  auditorId: string;
  auditorEmail: string;
  auditorName: string;
  periodStart: string;
  periodEnd: string;
  reportTypes: string[];
  expiresAt: string;
  grantedById: string;
  createdAt: string;
  revokedAt: string | null;
  status: "active" | "revoked" | "expired";
};
