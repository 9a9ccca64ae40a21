import "server-only";
import type { TReportType } from "./report-catalog";
import type { TReportBuilder } from "./report-builder";
import { erasureCertificateBuilder } from "./erasure-certificate-report";
import { gdprArt15AccessBuilder } from "./gdpr-art15-access";
import { gdprArt30RecordBuilder } from "./gdpr-art30-record";
import { gdprArt33BreachRecordBuilder } from "./gdpr-art33-breach-record";
import { hipaaAccessReportBuilder } from "./hipaa-access-report";
import { hipaaDisclosureAccountingBuilder } from "./hipaa-disclosure-accounting";
import { integrityAttestationBuilder } from "./integrity-attestation";
import { oncAuditLogReviewBuilder } from "./onc-audit-log-review";

/** One builder per catalog entry (report-catalog.ts); report-builders.test.ts checks they match. */
export const REPORT_BUILDERS: Record<TReportType, TReportBuilder> = {
  integrity_attestation: integrityAttestationBuilder,
  hipaa_access_report: hipaaAccessReportBuilder,
  hipaa_disclosure_accounting: hipaaDisclosureAccountingBuilder,
  onc_audit_log_review: oncAuditLogReviewBuilder,
  gdpr_art30_record: gdprArt30RecordBuilder,
  gdpr_art15_access: gdprArt15AccessBuilder,
  gdpr_art33_breach_record: gdprArt33BreachRecordBuilder,
  erasure_certificate: erasureCertificateBuilder,
};
