// The files of an evidence bundle (docs/evidence-bundle.md). The DSSE statement names every
// other file as a subject, so a file added, removed, changed or swapped is named by digest.
export const BUNDLE_FILES = {
  pdf: "report.pdf",
  json: "report.json",
  rows: "rows.csv",
  citations: "citations.json",
  envelope: "report.dsse.json",
  tlogProof: "report.tlog-proof",
  policy: "policy.txt",
  evidenceCa: "evidence-ca.pem",
  signer: "signer.pem",
  reportKey: "report-signing-key.pem",
  logKey: "log-key.txt",
  /** A copy of the data subject's records as a FHIR R4 Bundle: only the report types of REPORT_TYPE_FILES carry it. */
  fhirData: "data.fhir.json",
} as const;
export type TBundleFileName = (typeof BUNDLE_FILES)[keyof typeof BUNDLE_FILES];

export const BUNDLE_FILE_NAMES: readonly string[] = Object.values(BUNDLE_FILES);

/** Always present. The PDF and its two certificates come together, when the report has a PDF. */
export const REQUIRED_FILES: readonly TBundleFileName[] = [
  BUNDLE_FILES.json,
  BUNDLE_FILES.rows,
  BUNDLE_FILES.citations,
  BUNDLE_FILES.envelope,
  BUNDLE_FILES.tlogProof,
  BUNDLE_FILES.policy,
  BUNDLE_FILES.reportKey,
  BUNDLE_FILES.logKey,
];

/**
 * Files that only some report formats carry, each required for those and refused in any other
 * bundle. report.json names each one's SHA-256 (`files`), so the report's own ledger leaf, which
 * anchors report.json, binds them too, beside the statement's subjects.
 */
export const REPORT_TYPE_FILES: Readonly<Record<string, readonly TBundleFileName[]>> = {
  gdpr_art15_access: [BUNDLE_FILES.fhirData],
};
export const OPTIONAL_FILES: readonly TBundleFileName[] = [...new Set(Object.values(REPORT_TYPE_FILES).flat())];

/** Written in this order; the envelope comes last because it signs the digests of all the others. */
export const BUNDLE_ORDER: readonly TBundleFileName[] = [
  BUNDLE_FILES.pdf,
  BUNDLE_FILES.json,
  BUNDLE_FILES.rows,
  BUNDLE_FILES.fhirData,
  BUNDLE_FILES.citations,
  BUNDLE_FILES.tlogProof,
  BUNDLE_FILES.policy,
  BUNDLE_FILES.evidenceCa,
  BUNDLE_FILES.signer,
  BUNDLE_FILES.reportKey,
  BUNDLE_FILES.logKey,
  BUNDLE_FILES.envelope,
];
