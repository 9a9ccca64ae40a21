import "server-only";
// The GDPR Art. 33(5) record of personal data breaches for a period, from the privacy cases
// (lib/monitor/cases): each case determined a breach, and apart those presumed one but not yet
// determined (breach-record-rules.ts), with the facts (discovery, the monitoring's findings, the
// data subjects, accesses and categories of data concerned, counted), the effects (the HIPAA
// four-factor assessment's codes), the remedial action (determination, sanction tier, notification)
// and the 72-hour and 60-day clocks as of the issue. An organization report: codes and counts only,
// never a case's notes, rationales or alert wording, nor anyone's name. Each case's transitions and
// the accesses behind its alerts are cited.
import { AppError } from "@/lib/errors";
import { csvLine } from "@/lib/monitor/explorer/csv-cell";
import { breachRecordEntry, citedIndexesOf, type TBreachRecordEntry } from "./breach-record/breach-record-entry";
import { breachRecordSections } from "./breach-record/breach-record-sections";
import { BREACH_RECORD_MAX_CASES, readBreachCases } from "./breach-record/read-breach-cases";
import type { TBuiltReport, TReportBuildContext, TReportBuilder, TReportParams } from "./report-builder";

/** report.json's format; its fields are part of every issued record. */
export const GDPR_ART33_FORMAT = "healthledger.gdpr-art33-breach-record/v1";
/** Leaves one record may cite (case transitions and accesses), as the other reports bound theirs. */
export const BREACH_RECORD_MAX_CITATIONS = 100_000;

const CSV_COLUMNS = [
  "section",
  "caseId",
  "state",
  "discoveredAt",
  "discoveredHow",
  "actorRole",
  "findings",
  "patients",
  "accesses",
  "denied",
  "records",
  "dataCategories",
  "nature",
  "recipient",
  "acquired",
  "mitigation",
  "exceptions",
  "conclusion",
  "determination",
  "sanctionTier",
  "notifiedAt",
  "gdprArt33DueAt",
  "gdprArt33Status",
  "gdprArt33PastDueSeconds",
  "hipaaDueAt",
  "hipaaStatus",
  "hipaaPastDueSeconds",
] as const;

export const gdprArt33BreachRecordBuilder: TReportBuilder = {
  type: "gdpr_art33_breach_record",
  build: buildGdprArt33BreachRecord,
};

export async function buildGdprArt33BreachRecord(
  ctx: TReportBuildContext,
  params: TReportParams,
): Promise<TBuiltReport> {
  const period = params.period;
  if (!period) throw new AppError("unprocessable", "A breach record covers a period: give period {from, to}.");
  const { cases, tooMany } = await readBreachCases(ctx.prisma, ctx.pool, period);
  if (tooMany)
    throw new AppError(
      "unprocessable",
      `More than ${BREACH_RECORD_MAX_CASES.toLocaleString("en")} privacy cases were discovered in this period: issue the record for shorter periods.`,
    );
  const citedIndexes = [...new Set(cases.flatMap(citedIndexesOf))];
  if (citedIndexes.length > BREACH_RECORD_MAX_CITATIONS)
    throw new AppError(
      "unprocessable",
      `The cases of this period cite more than ${BREACH_RECORD_MAX_CITATIONS.toLocaleString("en")} ledger entries: issue the record for shorter periods.`,
    );
  const entries = cases.map((c) => breachRecordEntry(c, ctx.issuedAt));
  const breaches = entries.filter((e) => e.section === "breach");
  const presumed = entries.filter((e) => e.section === "presumed_breach");
  const clockCount = (id: string, status: string) =>
    entries.filter((e) => e.clocks.some((k) => k.id === id && k.status === status)).length;
  const content = {
    format: GDPR_ART33_FORMAT,
    totals: {
      breaches: breaches.length,
      presumedBreaches: presumed.length,
      patients: breaches.reduce((n, e) => n + e.concerned.patients, 0),
      accesses: breaches.reduce((n, e) => n + e.concerned.events, 0),
      gdprArt33: {
        met: clockCount("gdpr_art33", "met"),
        late: clockCount("gdpr_art33", "late"),
        overdue: clockCount("gdpr_art33", "overdue"),
      },
    },
    breaches,
    presumedBreaches: presumed,
  };
  return {
    content,
    rowsCsv: csvLine(CSV_COLUMNS) + entries.map(csvRow).join(""),
    citedIndexes,
    period: { start: period.from, end: period.to },
    scope: "organization",
    scopeText: "Every privacy case of this installation discovered in the period that is, or is presumed, a breach",
    sections: breachRecordSections({ period, issuedAt: ctx.issuedAt, breaches, presumed }),
  };
}

function csvRow(e: TBreachRecordEntry): string {
  const clock = (id: string) => {
    const k = e.clocks.find((x) => x.id === id)!;
    return [k.dueAt, k.status, k.pastDueSeconds];
  };
  return csvLine([
    e.section,
    e.caseId,
    e.state,
    e.discoveredAt,
    e.discoveredHow,
    e.actorRole,
    e.nature.rules.map((r) => `${r.ruleId}:${r.reasonCode}x${r.alerts}`).join(";"),
    e.concerned.patients,
    e.concerned.events,
    e.concerned.denied,
    e.concerned.records,
    e.concerned.dataCategories.map((d) => `${d.category}:${d.events}`).join(";"),
    e.assessment?.levels.nature ?? null,
    e.assessment?.levels.recipient ?? null,
    e.assessment?.levels.acquired ?? null,
    e.assessment?.levels.mitigation ?? null,
    e.assessment?.exceptions.join(";") ?? null,
    e.assessment?.conclusion ?? null,
    e.determination,
    e.sanctionTier,
    e.notifiedAt,
    ...clock("gdpr_art33"),
    ...clock("hipaa_individual"),
  ]);
}
