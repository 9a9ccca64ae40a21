import "server-only";
import { AppError } from "@/lib/errors";
import { dbHashReader, prefetchHashes } from "./db-hash-reader";
import { assertSizeWithin, latestTreeSize, treeHeadAt, type TTreeHead } from "./get-checkpoint";
import { LedgerIntegrityError } from "./ledger-errors";
import { getLedgerPool, type LedgerPool } from "./ledger-pool";
import { inclusionProof, inclusionProofPlan, planCoords, verifyInclusion } from "./proof";

export type TInclusionProof = {
  index: number;
  treeSize: number;
  leafHash: Uint8Array;
  /** RFC 9162 audit path, sibling nearest the leaf first. */
  proof: Uint8Array[];
  head: TTreeHead;
};

/**
 * Inclusion proof of leaf `index` in the tree of `treeSize` (default: the latest), read from
 * tiles in one query. Checked before it is returned, so a damaged tile surfaces as an error
 * here rather than as a proof that fails at the auditor's end.
 */
export async function getInclusionProof(input: { pool?: LedgerPool; index: number; treeSize?: number }): Promise<TInclusionProof> {
  const pool = input.pool ?? getLedgerPool();
  const latest = await latestTreeSize(pool);
  const treeSize = input.treeSize ?? latest;
  assertSizeWithin(treeSize, latest);
  if (!Number.isSafeInteger(input.index) || input.index < 0) throw new AppError("bad_request", "index must be a non-negative integer");
  if (input.index >= treeSize) throw new AppError("not_found", `index ${input.index} is not in a tree of size ${treeSize}`);
  const coords = [{ level: 0, index: input.index }, ...planCoords(inclusionProofPlan(input.index, treeSize))];
  const reader = await prefetchHashes(dbHashReader(pool), coords);
  const [[leafHash], proof, head] = await Promise.all([
    reader.readHashes([{ level: 0, index: input.index }]),
    inclusionProof(reader, { index: input.index, treeSize }),
    treeHeadAt(pool, treeSize),
  ]);
  if (!verifyInclusion({ leafHash, index: input.index, treeSize, proof, root: head.rootHash })) {
    throw new LedgerIntegrityError("tiles", `inclusion proof for index ${input.index} at size ${treeSize} does not match the root`);
  }
  return { index: input.index, treeSize, leafHash, proof, head };
}

/** Inclusion proof for an anchored row, found by its kind and id. */
export async function getInclusionProofForRow(input: { pool?: LedgerPool; kind: string; rowId: string; treeSize?: number }): Promise<TInclusionProof> {
  const pool = input.pool ?? getLedgerPool();
  const { rows } = await pool.query(`SELECT "index" FROM "LedgerEntry" WHERE kind = $1 AND "rowId" = $2`, [input.kind, input.rowId]);
  if (rows.length === 0) {
    const queued = await pool.query(`SELECT 1 FROM "LedgerQueue" WHERE kind = $1 AND "rowId" = $2`, [input.kind, input.rowId]);
    throw new AppError("not_found", queued.rowCount ? `${input.kind} ${input.rowId} is queued but not sealed yet` : `${input.kind} ${input.rowId} is not in the ledger`);
  }
  return getInclusionProof({ pool, index: Number(rows[0].index), treeSize: input.treeSize });
}
