// The audit log review's PDF: a summary, the counts by user, action, outcome and patient, then
// the events in the order asked. The PDF lists at most REVIEW_PDF_ROWS events and summary lines;
// report.json, rows.csv and the citations always hold every event.
import type { TReportDocumentInput } from "../../pdf/report-document";
import type { TReportSort } from "../report-types";
import type { TReviewEvent } from "./read-period-events";
import type { TReviewCount } from "./review-summaries";
import { utcSeconds } from "../report-time";

export const REVIEW_PDF_ROWS = 2_000;
const SUMMARY_ROWS = 200;
const RESULT: Record<string, string> = { "0": "success", "4": "denied", "8": "failed" };

const n = (x: number) => x.toLocaleString("en");
const SORT_TEXT: Record<TReportSort, string> = {
  time: "by time",
  user: "by user, then time",
  patient: "by patient pseudonym, then time",
  action: "by action, then time",
  outcome: "by outcome, failures first, then time",
};

function countTable(
  title: string,
  what: string,
  rows: readonly TReviewCount[],
): TReportDocumentInput["sections"][number] {
  const shown = rows.slice(0, SUMMARY_ROWS);
  return {
    heading: title,
    blocks: [
      rows.length === 0
        ? { kind: "paragraph", text: "No events." }
        : {
            kind: "table",
            caption:
              rows.length > shown.length
                ? `The ${shown.length} largest of ${rows.length} lines; report.json holds them all.`
                : "Most events first.",
            columns: [
              { header: what, weight: 5 },
              { header: "Events", weight: 1.4, align: "right" },
              { header: "Failures", weight: 1.4, align: "right" },
              { header: "Patients", weight: 1.4, align: "right" },
            ],
            rows: shown.map((r) => [r.label, n(r.events), n(r.failures), n(r.patients)]),
          },
    ],
  };
}

export function reviewSections(a: {
  period: { from: Date; to: Date };
  sort: TReportSort;
  events: readonly TReviewEvent[];
  summaries: Record<"byUser" | "byAction" | "byOutcome" | "byPatient", TReviewCount[]>;
  failures: number;
  unsealed: number;
}): TReportDocumentInput["sections"] {
  const listed = a.events.slice(0, REVIEW_PDF_ROWS);
  return [
    {
      heading: "Summary",
      blocks: [
        {
          kind: "paragraph",
          text:
            `Between ${utcSeconds(a.period.from)} and ${utcSeconds(a.period.to)} the audit log holds ${a.events.length.toLocaleString("en")} ` +
            `access ${a.events.length === 1 ? "event" : "events"} sealed into the ledger, by ${a.summaries.byUser.length} ` +
            `${a.summaries.byUser.length === 1 ? "user" : "users"}; ${a.failures.toLocaleString("en")} of them failed or were denied. ` +
            `Each one is cited with its inclusion proof in this bundle. Patients appear by pseudonym only. ` +
            `Rows are ordered ${SORT_TEXT[a.sort]}.` +
            (a.unsealed
              ? ` ${a.unsealed} more ${a.unsealed === 1 ? "event was" : "events were"} recorded in the period but not yet sealed, and ${a.unsealed === 1 ? "is" : "are"} left for the next review.`
              : ""),
        },
      ],
    },
    countTable("By user", "User", a.summaries.byUser),
    countTable("By action", "Action (type/subtype)", a.summaries.byAction),
    countTable("By outcome", "Outcome", a.summaries.byOutcome),
    countTable("By patient", "Patient pseudonym", a.summaries.byPatient),
    {
      heading: "Events",
      blocks: [
        listed.length === 0
          ? { kind: "paragraph", text: "None." }
          : {
              kind: "table",
              caption:
                a.events.length > listed.length
                  ? `The first ${listed.length.toLocaleString("en")} of ${a.events.length.toLocaleString("en")} events, ordered ${SORT_TEXT[a.sort]}; rows.csv lists them all.`
                  : `Ordered ${SORT_TEXT[a.sort]}.`,
              columns: [
                { header: "When", weight: 2.2 },
                { header: "User and role", weight: 3 },
                { header: "Action", weight: 2.2 },
                { header: "Result", weight: 1.6 },
                { header: "Patient", weight: 3.3 },
                { header: "Purpose", weight: 1.9 },
                { header: "Entity", weight: 1.6 },
                { header: "Ledger", weight: 1.5, align: "right" },
              ],
              rows: listed.map((e) => [
                utcSeconds(e.recorded),
                [e.actorName ?? e.actorId ?? "(system)", e.actorRole].filter(Boolean).join("\n"),
                `${e.action} ${e.type}/${e.subtype}`,
                RESULT[e.outcome] ?? e.outcome,
                e.patientPseudonym ?? "",
                e.purposeOfUse ?? "",
                // The resource type only: the full entity (with its id) is in rows.csv.
                (e.entity ?? "").split(/[/?]/)[0].slice(0, 80),
                String(e.ledgerIndex),
              ]),
            },
      ],
    },
  ];
}
