/**
 * One problem found by verification, located as precisely as the evidence allows: a ledger
 * index and/or a table row, or a block height for block-level problems. Stored in
 * VerificationRun.findings: changing this shape breaks reading old runs.
 */
export type TFinding = {
  index: number | null;
  table: string | null;
  rowId: string | null;
  blockHeight: number | null;
  problem: string;
};

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
