// in-toto Statement v1 (github.com/in-toto/attestation spec/v1/statement.md) for an evidence bundle,
// and our predicate. Persisted format: changing a field breaks verification of issued bundles;
// add a new predicate type instead. Read without zod (the browser runs this: see
// lib/ledger/kinds/json-shape.ts); the builder's zod schema, lib/reports/bundle/evidence-statement-schema.ts,
// is held equal to these readers by its test.
import { ISO_INSTANT, isJsonObject, isSafeInteger, isString } from "@/lib/ledger/kinds/json-shape";
import { REPORT_TYPE } from "@/lib/ledger/kinds/report-leaf";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
/** Our predicate: what a report is, and where its own leaf sits in the log (docs/evidence-bundle.md). */
export const EVIDENCE_PREDICATE_TYPE = "https://healthledger.example/attestations/evidence-report/v1";
export const MAX_SUBJECTS = 64;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export type TStatementSubject = { name: string; digest: { sha256: string } };

export type TEvidencePredicate = {
  /** The report's kind, e.g. "hipaa_access_report", as the report builders name it. */
  reportType: string;
  /** What the report covers, in pseudonymous terms (never PHI), e.g. "patient:<pseudonym>" or "organization". */
  scope: string;
  period: { start: string; end: string };
  issuedAt: string;
  /** Ledger index of the report's own leaf, proved by report.tlog-proof. */
  reportLeafIndex: number;
  /** Size of the checkpoint in report.tlog-proof, against which citations.json is proved too. */
  checkpointSize: number;
};

export type TEvidenceStatement = {
  _type: typeof STATEMENT_TYPE;
  subject: TStatementSubject[];
  predicateType: typeof EVIDENCE_PREDICATE_TYPE;
  predicate: TEvidencePredicate;
};

function readSubject(value: unknown): TStatementSubject | null {
  if (!isJsonObject(value) || !isString(value.name, { min: 1, max: 255 })) return null;
  const digest = value.digest;
  if (!isJsonObject(digest) || !isString(digest.sha256, { pattern: SHA256_HEX })) return null;
  return { name: value.name, digest: { sha256: digest.sha256 } };
}

/** The predicate's fields (others dropped, as the statement's signer never wrote them), or null. */
export function readEvidencePredicate(value: unknown): TEvidencePredicate | null {
  if (!isJsonObject(value)) return null;
  const { reportType, scope, period, issuedAt, reportLeafIndex, checkpointSize } = value;
  if (!isString(reportType, { pattern: REPORT_TYPE }) || !isString(scope, { min: 1, max: 256 })) return null;
  if (!isJsonObject(period)) return null;
  const { start, end } = period;
  if (!isString(start, { pattern: ISO_INSTANT }) || !isString(end, { pattern: ISO_INSTANT })) return null;
  if (!isString(issuedAt, { pattern: ISO_INSTANT })) return null;
  if (!isSafeInteger(reportLeafIndex) || reportLeafIndex < 0) return null;
  if (!isSafeInteger(checkpointSize) || checkpointSize <= 0) return null;
  return { reportType, scope, period: { start, end }, issuedAt, reportLeafIndex, checkpointSize };
}

/** An evidence-report Statement v1, or null when `value` is not one. */
export function readEvidenceStatement(value: unknown): TEvidenceStatement | null {
  if (!isJsonObject(value) || value._type !== STATEMENT_TYPE || value.predicateType !== EVIDENCE_PREDICATE_TYPE)
    return null;
  const list = value.subject;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_SUBJECTS) return null;
  const subject: TStatementSubject[] = [];
  for (const s of list) {
    const read = readSubject(s);
    if (!read) return null;
    subject.push(read);
  }
  const predicate = readEvidencePredicate(value.predicate);
  if (!predicate) return null;
  return { _type: STATEMENT_TYPE, subject, predicateType: EVIDENCE_PREDICATE_TYPE, predicate };
}
