import "server-only";
// The HIPAA access report: who accessed one patient's record, when, what they did and why,
// including treatment, payment and operations uses (the access report of the proposed 45 CFR
// 164.528(b)/(c) rule, the "who looked at my record" of the patient portal). Every attempt is
// listed, allowed or denied, and each cites its own ledger leaf. The report is about one
// patient, so the issuer stores it sealed under their data key.
import { AppError } from "@/lib/errors";
import { csvLine } from "@/lib/monitor/explorer/csv-cell";
import { describeAction, describeOutcome, describePurpose } from "./access-report/access-wording";
import { readPatientAccesses, type TPatientAccess } from "./access-report/read-patient-accesses";
import type { TBuiltReport, TReportBuildContext, TReportBuilder, TReportParams } from "./report-builder";
import { utcSeconds } from "./report-time";

export const HIPAA_ACCESS_REPORT_FORMAT = "healthledger.hipaa-access-report/v1";
/** The default period: the three years the proposed rule asks an access report to cover. */
export const ACCESS_REPORT_DEFAULT_YEARS = 3;
/** Citations a report may carry; a longer period is refused with a message to narrow it. */
export const ACCESS_REPORT_MAX_EVENTS = 100_000;
/** Rows the PDF lists one by one; rows.csv and the citations always hold every access. */
export const ACCESS_REPORT_PDF_ROWS = 2_000;

const CSV_COLUMNS = [
  "recorded",
  "ledgerIndex",
  "eventId",
  "actorId",
  "actorName",
  "actorRole",
  "department",
  "type",
  "subtype",
  "action",
  "resourceType",
  "purposeOfUse",
  "outcome",
] as const;

export const hipaaAccessReportBuilder: TReportBuilder = {
  type: "hipaa_access_report",
  build: buildHipaaAccessReport,
};

export async function buildHipaaAccessReport(ctx: TReportBuildContext, params: TReportParams): Promise<TBuiltReport> {
  const patientId = params.patientId;
  if (!patientId) throw new AppError("unprocessable", "An access report is about one patient: give patientId.");
  const patient = await ctx.prisma.patient.findUnique({
    where: { id: patientId },
    select: { id: true, pseudonym: true, erasedAt: true, wrappedKey: true },
  });
  if (!patient) throw new AppError("not_found", "No such patient.");
  if (patient.erasedAt || !patient.wrappedKey)
    throw new AppError("conflict", "This patient's data was erased: no report about them can be issued.");
  const period = params.period ?? defaultPeriod(ctx.issuedAt);
  const accesses = await readPatientAccesses(ctx.prisma, {
    patientId,
    from: period.from,
    to: period.to,
    limit: ACCESS_REPORT_MAX_EVENTS,
  });
  if (accesses.length > ACCESS_REPORT_MAX_EVENTS)
    throw new AppError(
      "unprocessable",
      `More than ${ACCESS_REPORT_MAX_EVENTS.toLocaleString("en")} accesses fall in this period: issue the report for a shorter period.`,
    );

  const people = summariseByPerson(accesses);
  const denied = accesses.filter((a) => a.outcome !== "0").length;
  const content = {
    format: HIPAA_ACCESS_REPORT_FORMAT,
    patient: { id: patient.id, pseudonym: patient.pseudonym },
    totals: { accesses: accesses.length, people: people.length, denied },
    people: people.map((p) => ({ ...p, firstAt: p.firstAt.toISOString(), lastAt: p.lastAt.toISOString() })),
    accesses: accesses.map((a) => ({ ...a, recorded: a.recorded.toISOString() })),
  };
  const rowsCsv =
    csvLine(CSV_COLUMNS) +
    accesses
      .map((a) =>
        csvLine([
          a.recorded.toISOString(),
          a.ledgerIndex,
          a.eventId,
          a.actorId,
          a.actorName,
          a.actorRole,
          a.department,
          a.type,
          a.subtype,
          a.action,
          a.resourceType,
          a.purposeOfUse,
          a.outcome,
        ]),
      )
      .join("");
  const listed = accesses.slice(-ACCESS_REPORT_PDF_ROWS).reverse();
  return {
    content,
    rowsCsv,
    citedIndexes: accesses.map((a) => a.ledgerIndex),
    period: { start: period.from, end: period.to },
    scope: `patient:${patient.pseudonym}`,
    scopeText: `The record of patient ${patient.pseudonym} (their pseudonym in this system)`,
    patientId,
    sections: [
      {
        heading: "Summary",
        blocks: [
          {
            kind: "paragraph",
            text:
              accesses.length === 0
                ? `No one accessed or tried to access this record between ${utcSeconds(period.from)} and ${utcSeconds(period.to)}.`
                : `Between ${utcSeconds(period.from)} and ${utcSeconds(period.to)}, ${people.length} ${people.length === 1 ? "person" : "people"} ` +
                  `accessed or tried to access this record ${accesses.length} ${accesses.length === 1 ? "time" : "times"}` +
                  (denied ? `; ${denied} of those attempts were denied.` : ".") +
                  " Every access is listed, whatever its purpose, treatment, payment and operations included;" +
                  " each one is an entry of the ledger, cited with its inclusion proof in this bundle.",
          },
        ],
      },
      {
        heading: "Who accessed the record",
        blocks: [
          people.length === 0
            ? { kind: "paragraph", text: "No one." }
            : {
                kind: "table",
                columns: [
                  { header: "Person", weight: 3 },
                  { header: "Role", weight: 2.2 },
                  { header: "Department", weight: 2.2 },
                  { header: "Times", weight: 1.3, align: "right" },
                  { header: "Denied", weight: 1.5, align: "right" },
                  { header: "First", weight: 2 },
                  { header: "Last", weight: 2 },
                  { header: "Purposes", weight: 3 },
                ],
                rows: people.map((p) => [
                  p.actorName ?? "(system or unknown account)",
                  p.actorRole ?? "",
                  p.department ?? "",
                  String(p.times),
                  String(p.denied),
                  utcSeconds(p.firstAt),
                  utcSeconds(p.lastAt),
                  p.purposes.map(describePurpose).join(", "),
                ]),
              },
        ],
      },
      {
        heading: "Every access",
        blocks: [
          accesses.length === 0
            ? { kind: "paragraph", text: "None." }
            : {
                kind: "table",
                caption:
                  accesses.length > listed.length
                    ? `The latest ${listed.length.toLocaleString("en")} of ${accesses.length.toLocaleString("en")} accesses, newest first; rows.csv lists them all.`
                    : "Newest first.",
                columns: [
                  { header: "When", weight: 2 },
                  { header: "Person", weight: 3 },
                  { header: "What", weight: 3 },
                  { header: "Why", weight: 3 },
                  { header: "Result", weight: 1.5 },
                  { header: "Ledger", weight: 1.3, align: "right" },
                ],
                rows: listed.map((a) => [
                  utcSeconds(a.recorded),
                  [a.actorName ?? "(unknown)", a.actorRole].filter(Boolean).join(", "),
                  describeAction(a),
                  describePurpose(a.purposeOfUse),
                  describeOutcome(a.outcome),
                  String(a.ledgerIndex),
                ]),
              },
        ],
      },
    ],
  };
}

function defaultPeriod(issuedAt: Date) {
  const from = new Date(issuedAt);
  from.setUTCFullYear(from.getUTCFullYear() - ACCESS_REPORT_DEFAULT_YEARS);
  return { from, to: issuedAt };
}

type TPersonSummary = {
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  department: string | null;
  times: number;
  denied: number;
  firstAt: Date;
  lastAt: Date;
  purposes: string[];
};

/** One line per person (and role: a person whose role changed shows once per role), latest access first. */
export function summariseByPerson(accesses: readonly TPatientAccess[]): TPersonSummary[] {
  const byKey = new Map<string, TPersonSummary & { purposeSet: Set<string> }>();
  for (const a of accesses) {
    const key = `${a.actorId ?? ""}|${a.actorRole ?? ""}`;
    let p = byKey.get(key);
    if (!p) {
      p = {
        actorId: a.actorId,
        actorName: a.actorName,
        actorRole: a.actorRole,
        department: a.department,
        times: 0,
        denied: 0,
        firstAt: a.recorded,
        lastAt: a.recorded,
        purposes: [],
        purposeSet: new Set(),
      };
      byKey.set(key, p);
    }
    p.times++;
    if (a.outcome !== "0") p.denied++;
    if (a.recorded < p.firstAt) p.firstAt = a.recorded;
    if (a.recorded > p.lastAt) p.lastAt = a.recorded;
    if (a.purposeOfUse) p.purposeSet.add(a.purposeOfUse);
  }
  return [...byKey.values()]
    .map(({ purposeSet, ...p }) => ({ ...p, purposes: [...purposeSet].sort() }))
    .sort((x, y) => y.lastAt.getTime() - x.lastAt.getTime() || (x.actorId ?? "").localeCompare(y.actorId ?? ""));
}
