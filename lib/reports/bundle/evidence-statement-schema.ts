// zod schemas of the evidence statement, for the bundle builder (which checks its input with them).
// The verifier reads statements with lib/reports/verify/statement.ts instead (no zod in the browser);
// evidence-statement-schema.test.ts holds the two equal.
import { z } from "zod";
import { REPORT_TYPE } from "@/lib/ledger/kinds/report-leaf";
import {
  EVIDENCE_PREDICATE_TYPE,
  MAX_SUBJECTS,
  STATEMENT_TYPE,
  type TEvidencePredicate,
  type TEvidenceStatement,
} from "@/lib/reports/verify/statement";

const ZSha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a lowercase hex SHA-256");
const ZInstant = z.iso.datetime({ offset: false });

export const ZStatementSubject = z.object({
  name: z.string().min(1).max(255),
  digest: z.object({ sha256: ZSha256Hex }),
});

export const ZEvidencePredicate = z.object({
  reportType: z.string().regex(REPORT_TYPE),
  scope: z.string().min(1).max(256),
  period: z.object({ start: ZInstant, end: ZInstant }),
  issuedAt: ZInstant,
  reportLeafIndex: z.number().int().nonnegative(),
  checkpointSize: z.number().int().positive(),
}) satisfies z.ZodType<TEvidencePredicate>;

export const ZEvidenceStatement = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(ZStatementSubject).min(1).max(MAX_SUBJECTS),
  predicateType: z.literal(EVIDENCE_PREDICATE_TYPE),
  predicate: ZEvidencePredicate,
}) satisfies z.ZodType<TEvidenceStatement>;
