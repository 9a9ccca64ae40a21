import "server-only";
import { newAnchoredRowId } from "../anchored-row-id";
import { enqueueLeaf } from "../seal/enqueue-leaf";
import { withTransaction } from "@/lib/db/with-transaction";
import { getLedgerPool } from "../ledger-pool";
import { verifyLedger, type TFinding, type TVerifyOptions, type TVerifyResult } from "./verify-ledger";

/** Further checks whose findings belong to the same recorded run (e.g. record ciphertexts). */
export type TExtraCheck = () => Promise<{ ok: boolean; findings: TFinding[]; findingCount: number }>;

export type TVerificationMode = "full" | "scheduled";

export type TVerificationRun = TVerifyResult & {
  runId: string;
  mode: TVerificationMode;
  startedAt: Date;
  finishedAt: Date;
};

/**
 * Full verification, recorded: the result is stored in VerificationRun and that row is itself
 * anchored, so later runs (and auditors) can tell that a check happened and what it found —
 * and a later rollback of the ledger below a verified size shows up as a finding.
 */
export async function runVerification(
  options: TVerifyOptions & { mode?: TVerificationMode; extra?: TExtraCheck } = {},
): Promise<TVerificationRun> {
  const pool = options.pool ?? getLedgerPool();
  const mode = options.mode ?? "full";
  const startedAt = new Date();
  const result = await verifyLedger({ ...options, pool });
  if (options.extra) {
    const more = await options.extra();
    result.ok &&= more.ok;
    result.findings.push(...more.findings);
    result.findingCount += more.findingCount;
  }
  const finishedAt = new Date();
  const runId = await withTransaction(pool, async (client) => {
    // Dates go in as ISO strings: the columns are UTC timestamps without a zone.
    const { rows } = await client.query(
      `INSERT INTO "VerificationRun" (id, mode, "startedAt", "finishedAt", ok, "treeSize", "findingCount", findings)
       VALUES ($1, $2, $3::timestamp, $4::timestamp, $5, $6, $7, $8::jsonb) RETURNING *`,
      [
        newAnchoredRowId(),
        mode,
        startedAt.toISOString(),
        finishedAt.toISOString(),
        result.ok,
        result.treeSize,
        result.findingCount,
        JSON.stringify(result.findings),
      ],
    );
    await enqueueLeaf(client, { kind: "integrity_run", row: rows[0] });
    return rows[0].id as string;
  });
  return { ...result, runId, mode, startedAt, finishedAt };
}
