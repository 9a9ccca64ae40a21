import { z } from "zod";
import { FINDING_CODE_NAMES, type TFindingCode } from "./finding-codes";

/**
 * Format of VerificationRun.findings, a JSON array of findings. Version 1 had no `code`;
 * version 2 adds it to every finding. A stored finding without `code` is a version-1 finding:
 * readers take `code` as optional (ZStoredFinding) and fall back to the sentence. Changing the
 * shape again breaks reading old runs: add optional fields only, and raise this version.
 */
export const FINDINGS_FORMAT_VERSION = 2;

/**
 * One problem found by verification, located as precisely as the evidence allows: a ledger
 * index and/or a table row, or a block height for block-level problems; `code` says what is
 * wrong for machines (finding-codes.ts), `problem` for people.
 */
export type TFinding = {
  index: number | null;
  table: string | null;
  rowId: string | null;
  blockHeight: number | null;
  code: TFindingCode;
  problem: string;
};

/** A finding as stored in VerificationRun.findings, of either format version. */
export const ZStoredFinding = z.object({
  index: z.number().nullable(),
  table: z.string().nullable(),
  rowId: z.string().nullable(),
  blockHeight: z.number().nullable(),
  /** Absent in format version 1; a code this build does not know reads as absent too. */
  code: z.enum(FINDING_CODE_NAMES).optional().catch(undefined),
  problem: z.string(),
});
export type TStoredFinding = z.infer<typeof ZStoredFinding>;

/** Reads VerificationRun.findings of any format version. */
export function parseStoredFindings(json: unknown): TStoredFinding[] {
  return z.array(ZStoredFinding).parse(json);
}

/** Keeps the first `max` findings and counts all of them. */
export class FindingLog {
  readonly kept: TFinding[] = [];
  count = 0;
  constructor(readonly max: number) {}

  add(finding: TFinding): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push(finding);
  }

  /** How many more findings would still be kept. */
  get room(): number {
    return Math.max(0, this.max - this.kept.length);
  }
}
