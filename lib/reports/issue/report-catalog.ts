// The report types that can be issued, as pages and forms show them. Plain data with no
// validator, so client components may import it (the CSP forbids the eval that zod probes for).
// Each type has one builder in lib/reports/issue/report-builders.ts; a test checks the two lists
// match.

export type TReportScopeKind =
  /** The whole installation: its log, its staff, its registers. */
  | "organization"
  /** One patient (data subject): the bundle is sealed under their data key, so erasure shreds it too. */
  | "patient"
  /**
   * One approved erasure request (`erasureRequestId`): the patient's key is destroyed, so the bundle
   * cannot be sealed under it and is stored as it is; it names the subject by pseudonym only.
   */
  | "erasure";

export type TReportCatalogEntry = {
  type: string;
  title: string;
  /** What the report holds and under which rule, for its PDF and the issue form. */
  subtitle: string;
  scope: TReportScopeKind;
  /** Whether the request names a period: none (the report is as of its issue), optional, or required. */
  period: "none" | "optional" | "required";
  /**
   * A patient-scoped type a patient may issue about themselves at /me (their session names the
   * patient, never the request).
   */
  selfService?: boolean;
  /** A type whose rows the request may order (`sort`, REPORT_SORTS in report-types.ts). */
  sortable?: boolean;
};

const CATALOG = [
  {
    type: "integrity_attestation",
    title: "Integrity attestation",
    subtitle: "Latest verification run, checkpoint, witness cosignatures, findings",
    scope: "organization",
    period: "none",
  },
  {
    type: "hipaa_access_report",
    title: "HIPAA access report",
    subtitle:
      "Who accessed one patient's record, when, what and why, treatment, payment and operations included (45 CFR 164.528, proposed access report)",
    scope: "patient",
    period: "optional",
    selfService: true,
  },
  {
    type: "hipaa_disclosure_accounting",
    title: "HIPAA accounting of disclosures",
    subtitle: "One patient's disclosures over up to six years, exclusions named, repeats summarised (45 CFR 164.528)",
    scope: "patient",
    period: "optional",
    // 164.528(a): the individual's own right, so the patient can ask for it at /me.
    selfService: true,
  },
  {
    type: "onc_audit_log_review",
    title: "Audit log review",
    subtitle:
      "Every access event of a period, sortable, summarised by user, action, outcome and patient (ONC 170.315(d)(2), (d)(3))",
    scope: "organization",
    period: "required",
    sortable: true,
  },
  {
    type: "gdpr_art30_record",
    title: "GDPR record of processing activities",
    subtitle:
      "Purposes, data subjects, data, recipients, retention, security, as the system knows them (GDPR Art. 30(1))",
    scope: "organization",
    period: "none",
  },
  {
    type: "gdpr_art15_access",
    title: "GDPR Art. 15 access package",
    subtitle:
      "A copy of your data (FHIR R4), purposes, categories, recipients, retention, source, and every consultation of your record with its date and purpose (GDPR Art. 15, CJEU C-579/21)",
    scope: "patient",
    // Art. 15 gives the data subject everything held at the moment of the request: no period to choose.
    period: "none",
    selfService: true,
  },
  {
    type: "gdpr_art33_breach_record",
    title: "GDPR Art. 33 breach record",
    subtitle:
      "Every personal data breach discovered in a period, and those presumed: facts, data subjects and records concerned, likely consequences, measures, 72-hour and 60-day clocks (GDPR Art. 33(5))",
    scope: "organization",
    period: "required",
  },
  {
    type: "erasure_certificate",
    title: "Erasure certificate",
    subtitle:
      "One approved erasure: the request, the decision and the destruction of the data subject's key, named by pseudonym and proved in the ledger (GDPR Art. 17)",
    scope: "erasure",
    // The erasure is one act, certified as it happened: its period runs from the request to the erasure.
    period: "none",
  },
] as const satisfies readonly TReportCatalogEntry[];

/** How a sortable report may order its rows (`sort`), as the issue form words each order. */
export const REPORT_SORT_LABELS = {
  time: "by time",
  user: "by user",
  patient: "by patient",
  action: "by action",
  outcome: "by outcome, failures first",
} as const;

export type TReportType = (typeof CATALOG)[number]["type"];
export const REPORT_CATALOG: readonly (TReportCatalogEntry & { type: TReportType })[] = CATALOG;
export const REPORT_TYPES = REPORT_CATALOG.map((e) => e.type) as [TReportType, ...TReportType[]];

export function catalogEntry(type: TReportType): TReportCatalogEntry {
  const entry = REPORT_CATALOG.find((e) => e.type === type);
  if (!entry) throw new Error(`unknown report type ${type}`);
  return entry;
}
