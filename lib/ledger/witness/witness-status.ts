import "server-only";
// Each configured witness as the audit-evidence page shows it: the last size it cosigned and
// when, how far behind the log it is, and its last error.
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { readLatestBlock } from "../read-ledger-state";
import { witnessSetup, type TWitnessSetup } from "./witness-endpoints";
import { readWitnessStatuses } from "./witness-records";

export type TWitnessView = {
  name: string;
  /** Its key name (from the verifier key), which also names it in cosignature lines. */
  keyName: string;
  cosignedTreeSize: number | null;
  cosignedAt: Date | null;
  /** Log entries sealed since the checkpoint it last cosigned. */
  lag: number;
  lastAttemptAt: Date | null;
  /** Set while the last push failed (cleared by the next cosignature). */
  lastError: string | null;
  lastErrorAt: Date | null;
  failures: number;
};

export async function listWitnessStatus(
  input: { pool?: LedgerPool; setup?: TWitnessSetup } = {},
): Promise<{ witnesses: TWitnessView[]; quorum: number; treeSize: number }> {
  const pool = input.pool ?? getLedgerPool();
  const setup = input.setup ?? witnessSetup();
  const [rows, latest] = await Promise.all([readWitnessStatuses(pool), readLatestBlock(pool)]);
  const treeSize = latest?.treeSize ?? 0;
  const witnesses = setup.witnesses.map((w) => {
    const row = rows.find((r) => r.witnessKey === w.verifierKey);
    const failing = row && row.failures > 0;
    return {
      name: w.name,
      keyName: w.verifier.name,
      cosignedTreeSize: row?.cosignedTreeSize ?? null,
      cosignedAt: row?.cosignedAt ?? null,
      lag: Math.max(0, treeSize - (row?.cosignedTreeSize ?? 0)),
      lastAttemptAt: row?.lastAttemptAt ?? null,
      lastError: failing ? row.lastError : null,
      lastErrorAt: failing ? row.lastErrorAt : null,
      failures: row?.failures ?? 0,
    };
  });
  return { witnesses, quorum: setup.quorum, treeSize };
}
