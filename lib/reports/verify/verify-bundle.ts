// Offline verification of an evidence bundle (docs/evidence-bundle.md): pure and isomorphic, so
// `healthledger verify-report` and the /verify page run the same code, and nothing is uploaded.
import { verifyPdfSignature } from "@/lib/reports/pdf/verify-pdf-signature";
import { CheckList, type TBundleCheck } from "./bundle-checks";
import { bundleFingerprints, type TBundleFingerprints } from "./bundle-fingerprints";
import { checkLogEvidence } from "./check-log-evidence";
import { checkReportFiles } from "./check-report-files";
import { checkStatement } from "./check-statement";
import { BUNDLE_FILE_NAMES, BUNDLE_FILES, REQUIRED_FILES } from "./layout";
import { openBundle } from "./open-bundle";
import { pemBlocks } from "./spki";
import type { TEvidencePredicate } from "./statement";

/** What a PDF signature check returns: the shape of lib/reports/pdf's verifyPdfSignature result. */
export type TPdfSignatureOutcome = { valid: boolean; failures?: readonly { message: string }[] };
/** Checks a signed PDF against trusted CA certificates (DER): lib/reports/pdf's verifyPdfSignature. */
export type TPdfSignatureVerifier = (
  pdf: Uint8Array,
  trustedCasDer: Uint8Array[],
) => Promise<TPdfSignatureOutcome> | TPdfSignatureOutcome;

export type TVerifyBundleOptions = {
  /** Evidence CA certificates to trust (DER); default: the bundle's evidence-ca.pem. */
  trustedCasDer?: Uint8Array[];
  /** The published report-signing key (SPKI PEM); default: the bundle's copy. */
  trustedReportKeyPem?: string;
  /** A tlog-policy the verifier holds; default: the bundle's policy.txt. */
  trustedPolicy?: string;
  /** The PDF signature check; default: lib/reports/pdf's verifyPdfSignature (pure, like this module). */
  verifyPdfSignature?: TPdfSignatureVerifier;
  /** Told as each group of checks starts (the /verify page's worker posts it to the page). */
  onProgress?: (progress: TVerifyProgress) => void;
};

/** The groups of checks in the order they run; a large bundle spends most of its time in "log" (the citations). */
export const VERIFY_STEPS = ["bundle", "statement", "log", "pdf"] as const;
export type TVerifyStep = (typeof VERIFY_STEPS)[number];
export type TVerifyProgress = { step: TVerifyStep; index: number; total: number };

export type TBundleVerification = {
  ok: boolean;
  checks: TBundleCheck[];
  failed: TBundleCheck[];
  predicate: TEvidencePredicate | null;
  checkpoint: { origin: string; treeSize: number } | null;
  cosignedBy: string[];
  citedLeaves: number;
  /** To compare with /.well-known/healthledger when the keys came from the bundle itself. */
  fingerprints: TBundleFingerprints | null;
};

function checkLayout(list: CheckList, files: Map<string, Uint8Array>): void {
  for (const name of files.keys())
    if (!BUNDLE_FILE_NAMES.includes(name))
      list.fail("bundle", "unexpected-file", name, `${name} is not part of an evidence bundle`);
  for (const name of REQUIRED_FILES)
    if (!files.has(name)) list.fail("bundle", "missing-file", name, `${name} is missing from the bundle`);
  if (files.has(BUNDLE_FILES.pdf) && !files.has(BUNDLE_FILES.evidenceCa))
    list.fail("bundle", "missing-file", BUNDLE_FILES.evidenceCa, "the bundle has a PDF but no evidence CA certificate");
}

async function checkPdf(list: CheckList, files: Map<string, Uint8Array>, options: TVerifyBundleOptions): Promise<void> {
  const pdf = files.get(BUNDLE_FILES.pdf);
  if (!pdf) return list.skip("pdf", "pdf-not-checked", null, "the bundle has no PDF");
  let cas = options.trustedCasDer;
  if (!cas) {
    try {
      cas = pemBlocks(new TextDecoder().decode(files.get(BUNDLE_FILES.evidenceCa)), "CERTIFICATE");
    } catch {
      cas = [];
    }
    if (cas.length === 0)
      return void list.fail("pdf", "pdf-invalid", BUNDLE_FILES.evidenceCa, "evidence-ca.pem holds no certificate");
  }
  const result = await (options.verifyPdfSignature ?? verifyPdfSignature)(pdf, cas);
  if (result.valid) list.pass("pdf", BUNDLE_FILES.pdf, "the PDF's signature is valid and chains to the evidence CA");
  else
    list.fail(
      "pdf",
      "pdf-invalid",
      BUNDLE_FILES.pdf,
      `the PDF's signature is not valid: ${(result.failures ?? []).map((f) => f.message).join("; ")}`,
    );
}

export async function verifyEvidenceBundle(
  zip: Uint8Array,
  options: TVerifyBundleOptions = {},
): Promise<TBundleVerification> {
  const list = new CheckList();
  const step = (name: TVerifyStep) =>
    options.onProgress?.({ step: name, index: VERIFY_STEPS.indexOf(name) + 1, total: VERIFY_STEPS.length });
  step("bundle");
  const opened = openBundle(zip);
  if (!opened.ok) {
    list.fail("bundle", "zip-unreadable", opened.file ?? null, opened.problem);
    return {
      ok: false,
      checks: list.checks,
      failed: list.failed,
      predicate: null,
      checkpoint: null,
      cosignedBy: [],
      citedLeaves: 0,
      fingerprints: null,
    };
  }
  const { files } = opened;
  checkLayout(list, files);
  step("statement");
  const statement = checkStatement(list, files, options.trustedReportKeyPem);
  const predicate = statement?.predicate ?? null;
  checkReportFiles(list, files, predicate);
  step("log");
  const log = checkLogEvidence(list, { files, predicate, trustedPolicy: options.trustedPolicy });
  step("pdf");
  await checkPdf(list, files, options);
  const failed = list.failed;
  return {
    ok: failed.length === 0,
    checks: list.checks,
    failed,
    predicate,
    checkpoint: log.checkpoint ? { origin: log.checkpoint.origin, treeSize: log.checkpoint.treeSize } : null,
    cosignedBy: log.cosignedBy,
    citedLeaves: log.citedLeaves,
    fingerprints: bundleFingerprints(files),
  };
}
