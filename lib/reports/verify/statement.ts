// in-toto Statement v1 (github.com/in-toto/attestation spec/v1/statement.md) for an evidence bundle,
// and our predicate. Persisted format: changing a field breaks verification of issued bundles;
// add a new predicate type instead.
import { z } from "zod";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
/** Our predicate: what a report is, and where its own leaf sits in the log (docs/evidence-bundle.md). */
export const EVIDENCE_PREDICATE_TYPE = "https://healthledger.example/attestations/evidence-report/v1";

const ZSha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a lowercase hex SHA-256");
const ZInstant = z.iso.datetime({ offset: false });

export const ZStatementSubject = z.object({
  name: z.string().min(1).max(255),
  digest: z.object({ sha256: ZSha256Hex }),
});
export type TStatementSubject = z.infer<typeof ZStatementSubject>;

export const ZEvidencePredicate = z.object({
  /** The report's kind, e.g. "hipaa_access_report", as the report builders name it. */
  reportType: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  /** What the report covers, in pseudonymous terms (never PHI), e.g. "patient:<pseudonym>" or "organization". */
  scope: z.string().min(1).max(256),
  period: z.object({ start: ZInstant, end: ZInstant }),
  issuedAt: ZInstant,
  /** Ledger index of the report's own leaf, proved by report.tlog-proof. */
  reportLeafIndex: z.number().int().nonnegative(),
  /** Size of the checkpoint in report.tlog-proof, against which citations.json is proved too. */
  checkpointSize: z.number().int().positive(),
});
export type TEvidencePredicate = z.infer<typeof ZEvidencePredicate>;

export const ZEvidenceStatement = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(ZStatementSubject).min(1).max(64),
  predicateType: z.literal(EVIDENCE_PREDICATE_TYPE),
  predicate: ZEvidencePredicate,
});
export type TEvidenceStatement = z.infer<typeof ZEvidenceStatement>;
