import "server-only";
import { renderReportPdf } from "./render-report-pdf";
import type { TReportDocumentInput } from "./report-document";
import { signPdf, type TPdfSigner } from "./sign-pdf";

/**
 * Room for the CMS: an ECDSA signer certificate with its attributes takes about 1.5 KB; 16 KB
 * leaves space for two intermediate CAs (RSA ones are ~1.5 KB each) and a later timestamp token.
 */
export const REPORT_SIGNATURE_PLACEHOLDER_BYTES = 16_384;

/** The report as a finished, signed PDF; the signing time (/M) is the report's issuedAt. */
export async function renderSignedReportPdf(input: {
  report: TReportDocumentInput;
  signer: TPdfSigner;
  placeholderBytes?: number;
}): Promise<Uint8Array> {
  const document = await renderReportPdf(input.report);
  return signPdf({
    document,
    signer: input.signer,
    signingTime: input.report.issuedAt,
    placeholderBytes: input.placeholderBytes ?? REPORT_SIGNATURE_PLACEHOLDER_BYTES,
    reason: `HealthLedger report: ${input.report.reportType}`,
  });
}
