import "server-only";
import { AppError } from "@/lib/errors";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { onSealed, wakeLocalSequencer } from "./sequencer-signal";
import type { TLeafKindName } from "../kinds";

/** Where a row landed: hand it back to the caller, then prove it with getInclusionProof. */
export type TLedgerReceipt = {
  kind: string;
  rowId: string;
  index: number;
  blockHeight: number;
  treeSize: number;
  /** The block's signed checkpoint (C2SP note) that first includes the row. */
  checkpoint: string;
};

export async function findReceipt(
  pool: LedgerPool,
  row: { kind: string; rowId: string },
): Promise<TLedgerReceipt | null> {
  // LedgerEntry.rowId is a uuid column: a malformed id is simply not there (rather than a cast error).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(row.rowId)) return null;
  const { rows } = await pool.query(
    `SELECT e."index", e."blockHeight", b."treeSize", b.checkpoint
       FROM "LedgerEntry" e JOIN "LedgerBlock" b ON b.height = e."blockHeight"
      WHERE e.kind = $1 AND e."rowId" = $2`,
    [row.kind, row.rowId],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  return {
    kind: row.kind,
    rowId: row.rowId,
    index: Number(r.index),
    blockHeight: Number(r.blockHeight),
    treeSize: Number(r.treeSize),
    checkpoint: r.checkpoint,
  };
}

/**
 * Waits until an anchored row is sealed and returns its receipt. Rechecks whenever a local seal
 * is announced, and polls otherwise (the sealer may be another process).
 */
export async function awaitSealed(input: {
  pool?: LedgerPool;
  kind: TLeafKindName;
  rowId: string;
  timeoutMs?: number;
}): Promise<TLedgerReceipt> {
  const pool = input.pool ?? getLedgerPool();
  const deadline = Date.now() + (input.timeoutMs ?? 5_000);
  wakeLocalSequencer();
  let pollMs = 10;
  for (;;) {
    const receipt = await findReceipt(pool, input);
    if (receipt) return receipt;
    const left = deadline - Date.now();
    if (left <= 0) throw new AppError("unavailable", `${input.kind} ${input.rowId} was not sealed in time`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, Math.min(pollMs, left));
      const off = onSealed(finish);
      function finish() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
    pollMs = Math.min(100, pollMs * 2);
  }
}
