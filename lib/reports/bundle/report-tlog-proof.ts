import "server-only";
import { AppError } from "@/lib/errors";
import { getInclusionProof } from "@/lib/ledger/proofs/get-inclusion-proof";
import type { LedgerPool } from "@/lib/ledger/ledger-pool";
import { parseCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { bytesEqual } from "@/lib/ledger/tlog/encoding";
import { leafHash } from "@/lib/ledger/tlog/merkle";
import { parseNote } from "@/lib/ledger/tlog/note";
import { formatTlogProof } from "@/lib/reports/verify/tlog-proof";

/**
 * report.tlog-proof: the report's own leaf (its bytes as the proof's extra data) proved against
 * the cosigned checkpoint the witnesses returned, which must be a checkpoint of this ledger.
 */
export async function reportTlogProof(input: {
  pool: LedgerPool;
  index: number;
  leafBytes: Uint8Array;
  cosignedCheckpoint: string;
}): Promise<string> {
  const cp = parseCheckpoint(parseNote(input.cosignedCheckpoint).text);
  const proof = await getInclusionProof({ pool: input.pool, index: input.index, treeSize: cp.treeSize });
  if (!bytesEqual(proof.head.rootHash, cp.rootHash))
    throw new AppError("conflict", `the cosigned checkpoint at size ${cp.treeSize} is not this ledger's tree`);
  if (!bytesEqual(proof.leafHash, leafHash(input.leafBytes)))
    throw new AppError("conflict", `ledger leaf ${input.index} is not the report's leaf`);
  return formatTlogProof({
    extra: input.leafBytes,
    index: input.index,
    proof: proof.proof,
    checkpoint: input.cosignedCheckpoint,
  });
}
