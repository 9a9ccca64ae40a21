import "server-only";
/**
 * What other modules (reports, evidence bundles, the API) take from the witnesses:
 *
 * - `latestCosignedCheckpoint()`: the latest checkpoint cosigned by at least the quorum (k of n)
 *   of HL_WITNESSES, as signed-note text: the checkpoint body, the log's signature line, then one
 *   tlog-cosignature/v1 line per witness that cosigned it. Every signature is checked again here
 *   (the database is not trusted to hold only valid ones). When no checkpoint reaches the quorum
 *   it returns the latest checkpoint with the cosignatures it has and `quorumMet: false`, so a
 *   report can say so; null only for an empty ledger.
 * - `awaitCosignedCheckpoint({ atLeastTreeSize })`: the same, waiting (bounded) until a checkpoint
 *   that includes a given leaf has reached the quorum, e.g. a report's own leaf.
 * - `witnessPolicyText()` (witness-policy.ts): the C2SP tlog-policy for the bundle's policy.txt.
 */
import { getLogKeys, type LogKeys } from "../log-keys";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { BLOCK_COLUMNS, blockFromRow, readLatestBlock, type TLedgerBlock } from "../read-ledger-state";
import { openCheckpoint, verifyCosignature } from "../tlog/checkpoint";
import { witnessSetup, type TWitnessSetup } from "./witness-endpoints";
import { formatWitnessPolicy } from "./witness-policy";

export type TCosignedCheckpoint = {
  treeSize: number;
  /** Signed note: body, blank line, the log's signature, the cosignatures (in HL_WITNESSES order). */
  note: string;
  /** Names (HL_WITNESSES) of the witnesses whose cosignature is in the note. */
  cosignedBy: string[];
  quorum: { k: number; n: number };
  quorumMet: boolean;
};

export type TCosignedCheckpointOptions = { pool?: LedgerPool; setup?: TWitnessSetup; logKeys?: LogKeys };

async function blockAt(pool: LedgerPool, treeSize: number): Promise<TLedgerBlock | null> {
  const { rows } = await pool.query(`SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" WHERE "treeSize" = $1`, [treeSize]);
  return rows.length ? blockFromRow(rows[0]) : null;
}

/** The block's checkpoint with every cosignature on it that verifies, or null if the log's own signature does not. */
async function assemble(pool: LedgerPool, block: TLedgerBlock, opts: Required<TCosignedCheckpointOptions>) {
  try {
    openCheckpoint(block.checkpoint, opts.logKeys.verifier);
  } catch {
    return null;
  }
  const { rows } = await pool.query(
    `SELECT "witnessKey", cosignature FROM "WitnessCosignature" WHERE "treeSize" = $1 AND "witnessKey" = ANY($2)`,
    [block.treeSize, opts.setup.witnesses.map((w) => w.verifierKey)],
  );
  let note = block.checkpoint;
  const cosignedBy: string[] = [];
  for (const w of opts.setup.witnesses) {
    for (const row of rows.filter((r) => r.witnessKey === w.verifierKey)) {
      try {
        verifyCosignature({ note: block.checkpoint + row.cosignature, verifierKey: w.verifier });
      } catch {
        continue;
      }
      note += row.cosignature;
      cosignedBy.push(w.name);
      break;
    }
  }
  const quorum = { k: opts.setup.quorum, n: opts.setup.witnesses.length };
  return { treeSize: block.treeSize, note, cosignedBy, quorum, quorumMet: cosignedBy.length >= quorum.k };
}

export async function latestCosignedCheckpoint(
  options: TCosignedCheckpointOptions = {},
): Promise<TCosignedCheckpoint | null> {
  const opts = {
    pool: options.pool ?? getLedgerPool(),
    setup: options.setup ?? witnessSetup(),
    logKeys: options.logKeys ?? getLogKeys(),
  };
  const latest = await readLatestBlock(opts.pool);
  if (!latest) return null;
  if (opts.setup.quorum > 0) {
    // The few largest sizes the database says reached the quorum; each is checked in full.
    const { rows } = await opts.pool.query(
      `SELECT "treeSize" FROM "WitnessCosignature" WHERE "witnessKey" = ANY($1)
       GROUP BY "treeSize" HAVING count(DISTINCT "witnessKey") >= $2 ORDER BY "treeSize" DESC LIMIT 5`,
      [opts.setup.witnesses.map((w) => w.verifierKey), opts.setup.quorum],
    );
    for (const { treeSize } of rows) {
      const block = await blockAt(opts.pool, Number(treeSize));
      const cosigned = block && (await assemble(opts.pool, block, opts));
      if (cosigned?.quorumMet) return cosigned;
    }
  }
  return assemble(opts.pool, latest, opts);
}

/** Waits (polling, at most timeoutMs) for a checkpoint of at least that size to reach the quorum. */
export async function awaitCosignedCheckpoint(
  input: TCosignedCheckpointOptions & { atLeastTreeSize: number; timeoutMs?: number },
): Promise<TCosignedCheckpoint | null> {
  const deadline = Date.now() + (input.timeoutMs ?? 10_000);
  for (;;) {
    const cp = await latestCosignedCheckpoint(input);
    if ((cp?.quorumMet && cp.treeSize >= input.atLeastTreeSize) || Date.now() >= deadline) return cp;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The policy text for this deployment: the log's key, HL_WITNESSES and the quorum. */
export function witnessPolicyText(options: { setup?: TWitnessSetup; logKeys?: LogKeys; logUrl?: string } = {}): string {
  return formatWitnessPolicy({
    logVerifierKey: (options.logKeys ?? getLogKeys()).verifierKey,
    logUrl: options.logUrl,
    setup: options.setup ?? witnessSetup(),
  });
}
