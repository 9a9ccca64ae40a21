import "server-only";
// The HIPAA accounting of disclosures (45 CFR 164.528): every disclosure of one patient's PHI in
// the six years before the issue (or a chosen part of them) from the disclosure register, less
// the exclusions of 164.528(a)(1), each exclusion named with how many entries it removed.
// Repeated disclosures to one recipient for one purpose are summarised (164.528(b)(3)). The
// recipients and descriptions are sealed PHI, opened here under the patient's key; the issuer
// stores the bundle sealed under the same key.
import { LEGAL_BASES, type TLegalBasis } from "@/lib/access/disclosures/disclosure-input";
import { AppError } from "@/lib/errors";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { csvLine } from "@/lib/monitor/explorer/csv-cell";
import { applyExclusions } from "./disclosure-accounting/accounting-exclusions";
import { readAccountingEntries, ACCOUNTING_MAX_ENTRIES } from "./disclosure-accounting/read-accounting-entries";
import { groupRepeated } from "./disclosure-accounting/repeated-disclosures";
import { accountingSections } from "./disclosure-accounting/accounting-sections";
import type { TBuiltReport, TReportBuildContext, TReportBuilder, TReportParams } from "./report-builder";

export const DISCLOSURE_ACCOUNTING_FORMAT = "healthledger.hipaa-disclosure-accounting/v1";
/** 164.528(a)(1): the accounting covers the six years before the request, and no more. */
export const ACCOUNTING_YEARS = 6;
const DAY_MS = 86_400_000;

const CSV_COLUMNS = [
  "disclosedAt",
  "ledgerIndex",
  "disclosureId",
  "recipientName",
  "recipientAddress",
  "description",
  "purpose",
  "legalBasis",
  "legalBasisText",
  "repeatGroup",
] as const;

export const hipaaDisclosureAccountingBuilder: TReportBuilder = {
  type: "hipaa_disclosure_accounting",
  build: buildDisclosureAccounting,
};

export function accountingWindow(issuedAt: Date, asked?: { from: Date; to: Date }) {
  const earliest = new Date(issuedAt);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - ACCOUNTING_YEARS);
  if (!asked) return { from: earliest, to: issuedAt };
  // A day's slack: a form that asks for "six years before today" must not fail on the seconds.
  if (asked.from.getTime() < earliest.getTime() - DAY_MS)
    throw new AppError(
      "unprocessable",
      `An accounting of disclosures covers at most the six years before its issue: the period may start no earlier than ${earliest.toISOString().slice(0, 10)}.`,
    );
  return { from: asked.from < earliest ? earliest : asked.from, to: asked.to };
}

export async function buildDisclosureAccounting(
  ctx: TReportBuildContext,
  params: TReportParams,
): Promise<TBuiltReport> {
  const patientId = params.patientId;
  if (!patientId)
    throw new AppError("unprocessable", "An accounting of disclosures is about one patient: give patientId.");
  const period = accountingWindow(ctx.issuedAt, params.period);
  // not_found for no such patient, conflict (409) once their key is destroyed.
  const key = await openPatientKey(ctx.prisma, patientId);
  let read: Awaited<ReturnType<typeof readAccountingEntries>>;
  try {
    read = await readAccountingEntries(ctx.prisma, ctx.pool, { patientId, ...period, dek: key.dek });
  } finally {
    key.dek.fill(0);
  }
  if (read.tooMany)
    throw new AppError(
      "unprocessable",
      `More than ${ACCOUNTING_MAX_ENTRIES.toLocaleString("en")} register entries fall in this period: issue the accounting for a shorter period.`,
    );
  const { accounted, exclusions } = applyExclusions(read.entries);
  const groups = groupRepeated(accounted);
  const groupOf = new Map(groups.flatMap((g, i) => g.members.map((m) => [m.id, i + 1] as const)));
  const basisText = (code: string) => LEGAL_BASES[code as TLegalBasis] ?? code;
  const iso = (d: Date) => d.toISOString();

  const content = {
    format: DISCLOSURE_ACCOUNTING_FORMAT,
    patient: { id: patientId, pseudonym: key.pseudonym },
    totals: {
      registerEntries: read.entries.length,
      accounted: accounted.length,
      excluded: read.entries.length - accounted.length,
      corrected: read.corrected,
      groups: groups.length,
    },
    exclusions,
    disclosures: accounted.map((e) => ({
      ...e,
      disclosedAt: iso(e.disclosedAt),
      legalBasisText: basisText(e.legalBasis),
      repeatGroup: groupOf.get(e.id) ?? null,
    })),
    repeated: groups
      .map((g, i) => ({ group: i + 1, g }))
      .filter(({ g }) => g.count > 1)
      .map(({ group, g }) => ({
        group,
        recipientName: g.first.recipientName,
        legalBasis: g.first.legalBasis,
        purpose: g.first.purpose,
        firstAt: iso(g.first.disclosedAt),
        lastAt: iso(g.last.disclosedAt),
        count: g.count,
        everyDays: g.everyDays,
        disclosureIds: g.members.map((m) => m.id),
      })),
  };
  const rowsCsv =
    csvLine(CSV_COLUMNS) +
    accounted
      .map((e) =>
        csvLine([
          iso(e.disclosedAt),
          e.ledgerIndex,
          e.id,
          e.recipientName,
          e.recipientAddress,
          e.description,
          e.purpose,
          e.legalBasis,
          basisText(e.legalBasis),
          groupOf.get(e.id) ?? "",
        ]),
      )
      .join("");
  return {
    content,
    rowsCsv,
    // Every accounted disclosure is cited; excluded entries are only counted (they are not accounted).
    citedIndexes: accounted.map((e) => e.ledgerIndex),
    period: { start: period.from, end: period.to },
    scope: `patient:${key.pseudonym}`,
    scopeText: `Disclosures of the PHI of patient ${key.pseudonym} (their pseudonym in this system)`,
    patientId,
    sections: accountingSections({ period, accounted, exclusions, groups, corrected: read.corrected, basisText }),
  };
}
