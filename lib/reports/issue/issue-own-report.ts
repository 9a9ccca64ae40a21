import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  completeReportIssue,
  prepareReportIssue,
  type TIssueReportDeps,
  type TIssuedReport,
  type TPreparedReport,
} from "./issue-report";
import { REPORT_CATALOG } from "./report-catalog";

/** The types a patient may issue about themselves (catalog entries marked selfService). */
export const SELF_SERVICE_TYPES: readonly string[] = REPORT_CATALOG.filter(
  (e) => e.scope === "patient" && e.selfService,
).map((e) => e.type);

const ZInstant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z" });

/** A patient's request: no patientId, on purpose; the session names the patient. */
export const ZOwnReportRequest = z.strictObject({
  type: z.string().refine((t) => SELF_SERVICE_TYPES.includes(t), {
    error: `type must be one of: ${SELF_SERVICE_TYPES.join(", ") || "(none yet)"}`,
  }),
  period: z.strictObject({ from: ZInstant, to: ZInstant }).optional(),
});

/**
 * A patient issues a self-service report about themselves: the patient is the one their account
 * belongs to, whatever the request says (a patientId in it is refused as an unknown key).
 */
export async function issueOwnReport(
  request: unknown,
  actor: TOwnReportActor,
  deps: TIssueReportDeps,
): Promise<TIssuedReport> {
  return completeReportIssue(await prepareOwnReportIssue(request, actor, deps), deps);
}

type TOwnReportActor = { id: string; role: Role; patientId: string | null };

/** The checks of issueOwnReport that answer at once (422, 403); the build may then go on in the background. */
export async function prepareOwnReportIssue(
  request: unknown,
  actor: TOwnReportActor,
  deps: Pick<TIssueReportDeps, "prisma">,
): Promise<TPreparedReport> {
  const parsed = ZOwnReportRequest.safeParse(request);
  if (!parsed.success)
    throw new AppError(
      "unprocessable",
      "The report request is not valid.",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })),
    );
  if (!actor.patientId) throw new AppError("forbidden", "This account is not linked to a patient record.");
  return prepareReportIssue({ ...parsed.data, patientId: actor.patientId }, actor, deps);
}
