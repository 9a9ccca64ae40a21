import "server-only";
import { AppError } from "@/lib/errors";
import { dbHashReader, prefetchHashes } from "./db-hash-reader";
import { assertSizeWithin, latestTreeSize, treeHeadAt, type TTreeHead } from "./get-checkpoint";
import { LedgerIntegrityError } from "../ledger-errors";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import { consistencyProof, consistencyProofPlan, planCoords, verifyConsistency } from "../tlog/proof";

export type TConsistencyProof = {
  oldSize: number;
  newSize: number;
  /** RFC 9162 §2.1.4 consistency proof. */
  proof: Uint8Array[];
  oldHead: TTreeHead;
  newHead: TTreeHead;
};

/** Consistency proof between two tree sizes (newSize defaults to the latest), read from tiles. */
export async function getConsistencyProof(input: {
  pool?: LedgerPool;
  oldSize: number;
  newSize?: number;
}): Promise<TConsistencyProof> {
  const pool = input.pool ?? getLedgerPool();
  const latest = await latestTreeSize(pool);
  const newSize = input.newSize ?? latest;
  assertSizeWithin(newSize, latest, "newSize");
  assertSizeWithin(input.oldSize, latest, "oldSize");
  if (input.oldSize > newSize) throw new AppError("bad_request", "oldSize must not exceed newSize");
  const reader = await prefetchHashes(dbHashReader(pool), planCoords(consistencyProofPlan(input.oldSize, newSize)));
  const [proof, oldHead, newHead] = await Promise.all([
    consistencyProof(reader, { oldSize: input.oldSize, newSize }),
    treeHeadAt(pool, input.oldSize),
    treeHeadAt(pool, newSize),
  ]);
  if (
    !verifyConsistency({ oldSize: input.oldSize, newSize, oldRoot: oldHead.rootHash, newRoot: newHead.rootHash, proof })
  ) {
    throw new LedgerIntegrityError(
      "tiles",
      `consistency proof ${input.oldSize} → ${newSize} does not match the stored roots`,
    );
  }
  return { oldSize: input.oldSize, newSize, proof, oldHead, newHead };
}
