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

/** Written in this order; the envelope comes last because it signs the digests of all the others. */
export const BUNDLE_ORDER: readonly TBundleFileName[] = [
  BUNDLE_FILES.pdf,
  BUNDLE_FILES.json,
  BUNDLE_FILES.rows,
  BUNDLE_FILES.citations,
  BUNDLE_FILES.tlogProof,
  BUNDLE_FILES.policy,
  BUNDLE_FILES.evidenceCa,
  BUNDLE_FILES.signer,
  BUNDLE_FILES.reportKey,
  BUNDLE_FILES.logKey,
  BUNDLE_FILES.envelope,
];
