// The zod schema of a report leaf, for the server (the leaf kind anchors rows through it). The
// verifier reads report-leaf.ts's readReportLeaf instead; report-leaf-schema.test.ts holds the two equal.
import { z } from "zod";
import { REPORT_TYPE, type TReportLeaf } from "./report-leaf";

const ZInstant = z.iso.datetime({ offset: false });
export const ZReportLeaf = z.strictObject({
  id: z.uuid(),
  reportType: z.string().regex(REPORT_TYPE),
  scope: z.string().min(1).max(256),
  periodStart: ZInstant,
  periodEnd: ZInstant,
  issuedAt: ZInstant,
  reportSha256: z.string().regex(/^[0-9a-f]{64}$/),
}) satisfies z.ZodType<TReportLeaf>;
