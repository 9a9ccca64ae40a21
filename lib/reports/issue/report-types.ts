import { z } from "zod";

/**
 * The report types that can be issued today. Each is one builder in this folder; a type whose
 * report carries PHI must seal its bundle under the patient's data key before it is listed here.
 */
export const REPORT_TYPES = ["integrity_attestation"] as const;
export type TReportType = (typeof REPORT_TYPES)[number];

export const REPORT_TYPE_TITLES: Record<TReportType, string> = {
  integrity_attestation: "Integrity attestation",
};

export const ZIssueReportRequest = z.strictObject({
  type: z.enum(REPORT_TYPES, { error: `type must be one of: ${REPORT_TYPES.join(", ")}` }),
});
export type TIssueReportRequest = z.infer<typeof ZIssueReportRequest>;
