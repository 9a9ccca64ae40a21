import "server-only";
import { replicaDatabaseUrl } from "@/lib/config/runtime-env";
import { AppError } from "@/lib/errors";
import { createLedgerPool, getLedgerPool, type LedgerPool } from "./ledger-pool";
import { readLatestBlock } from "./read-ledger-state";

// The ledger's read pool (proofs, checkpoints, blocks): the streaming replica of
// DATABASE_REPLICA_URL when configured (lib/db/read-client.ts says why and which reads), else the
// primary's pool. The sequencer, sealing, verification and the rollback guard never use it.

const globalForPool = globalThis as unknown as { __hlLedgerReadPool?: { url: string; pool: LedgerPool } };

export function getLedgerReadPool(): LedgerPool {
  const url = replicaDatabaseUrl();
  if (!url) return getLedgerPool();
  if (globalForPool.__hlLedgerReadPool?.url !== url)
    globalForPool.__hlLedgerReadPool = { url, pool: createLedgerPool(url) };
  return globalForPool.__hlLedgerReadPool.pool;
}

/**
 * The read pool if its ledger has reached `at` (a tree size, or a block height), else the primary:
 * a client holding a checkpoint the replica has not replayed yet (sealed a few milliseconds ago)
 * gets its answer from the primary instead of a 404. Without one (the latest tree) the replica's
 * latest is as good as any signed head.
 */
export async function ledgerReadPoolAt(
  at: { treeSize?: number; height?: number },
  read: LedgerPool = getLedgerReadPool(),
): Promise<LedgerPool> {
  const primary = getLedgerPool();
  if (read === primary || (at.treeSize === undefined && at.height === undefined)) return read;
  const latest = await readLatestBlock(read);
  const reached = latest && latest.treeSize >= (at.treeSize ?? 0) && latest.height >= (at.height ?? 0);
  return reached ? read : primary;
}

/**
 * Run a read on the read pool; when it is the replica and answers "not found", ask the primary:
 * for lookups by a row the caller may have just written (its proof by row id), whose leaf can be
 * sealed on the primary and not yet replayed on the replica.
 */
export async function readWithPrimaryFallback<T>(
  read: (pool: LedgerPool) => Promise<T>,
  pool: LedgerPool = getLedgerReadPool(),
): Promise<T> {
  const primary = getLedgerPool();
  try {
    return await read(pool);
  } catch (err) {
    if (pool === primary || !(err instanceof AppError) || err.code !== "not_found") throw err;
    return read(primary);
  }
}
