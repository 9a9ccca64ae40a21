import "server-only";
// The audit log review of ONC 170.315(d)(2)/(d)(3): every access event recorded in a period —
// when, who and in which role, what action, its outcome, the patient by pseudonym (never a name
// or MRN), the purpose and the entity reached — ordered as the request asks, summarised by user,
// action, outcome and patient, and each event cited by its own ledger leaf.
import { AppError } from "@/lib/errors";
import { csvLine } from "@/lib/monitor/explorer/csv-cell";
import { readPeriodEvents } from "./audit-log-review/read-period-events";
import { reviewSections } from "./audit-log-review/review-sections";
import { summariseReview } from "./audit-log-review/review-summaries";
import type { TBuiltReport, TReportBuildContext, TReportBuilder, TReportParams } from "./report-builder";

export const AUDIT_LOG_REVIEW_FORMAT = "healthledger.onc-audit-log-review/v1";
/** Events (and citations) one review may hold; a longer period is refused, naming this limit. */
export const AUDIT_REVIEW_MAX_EVENTS = 100_000;

const CSV_COLUMNS = [
  "recorded",
  "ledgerIndex",
  "eventId",
  "actorId",
  "actorName",
  "actorRole",
  "type",
  "subtype",
  "action",
  "outcome",
  "outcomeDesc",
  "purposeOfUse",
  "patientPseudonym",
  "entity",
] as const;

export const oncAuditLogReviewBuilder: TReportBuilder = { type: "onc_audit_log_review", build: buildAuditLogReview };

export async function buildAuditLogReview(ctx: TReportBuildContext, params: TReportParams): Promise<TBuiltReport> {
  const period = params.period;
  if (!period) throw new AppError("unprocessable", "An audit log review covers a period: give period {from, to}.");
  const sort = params.sort ?? "time";
  const { events, unsealed } = await readPeriodEvents(ctx.prisma, { ...period, sort, limit: AUDIT_REVIEW_MAX_EVENTS });
  if (events.length > AUDIT_REVIEW_MAX_EVENTS)
    throw new AppError(
      "unprocessable",
      `More than ${AUDIT_REVIEW_MAX_EVENTS.toLocaleString("en")} access events fall in this period, the most one review may cite: issue it for shorter periods.`,
    );
  const summaries = summariseReview(events);
  const failures = events.filter((e) => e.outcome !== "0").length;
  const content = {
    format: AUDIT_LOG_REVIEW_FORMAT,
    sort,
    totals: {
      events: events.length,
      failures,
      users: summaries.byUser.length,
      patients: summaries.byPatient.filter((p) => p.key !== "-").length,
      unsealed,
    },
    summaries,
    events: events.map((e) => ({ ...e, recorded: e.recorded.toISOString() })),
  };
  const rowsCsv =
    csvLine(CSV_COLUMNS) +
    events
      .map((e) =>
        csvLine([
          e.recorded.toISOString(),
          e.ledgerIndex,
          e.eventId,
          e.actorId,
          e.actorName,
          e.actorRole,
          e.type,
          e.subtype,
          e.action,
          e.outcome,
          e.outcomeDesc,
          e.purposeOfUse,
          e.patientPseudonym,
          e.entity,
        ]),
      )
      .join("");
  return {
    content,
    rowsCsv,
    citedIndexes: events.map((e) => e.ledgerIndex),
    period: { start: period.from, end: period.to },
    scope: "organization",
    scopeText: "Every access event of this installation in the period",
    sections: reviewSections({ period, sort, events, summaries, failures, unsealed }),
  };
}
