import "server-only";
import { CheckpointError, openCheckpoint, type Checkpoint } from "../tlog/checkpoint";
import { bytesToHex } from "../tlog/encoding";
import { NoteError } from "../tlog/note";
import { consistencyProof, verifyConsistency } from "../tlog/proof";
import { dbHashReader } from "../proofs/db-hash-reader";
import { readLatestBlock, type TQueryable } from "../read-ledger-state";
import type { TFinding } from "./verification-findings";

/** A C2SP checkpoint note is a few hundred bytes; anything much larger is not one. */
export const MAX_TRUSTED_CHECKPOINT_BYTES = 64 * 1024;

const finding = (code: TFinding["code"], problem: string): TFinding => ({
  index: null,
  table: "LedgerBlock",
  rowId: null,
  blockHeight: null,
  code,
  problem,
});

/**
 * Compare the database's ledger with a checkpoint kept elsewhere (an auditor's copy, a witness's,
 * the app's own state file): the note must be signed by the log's key for its origin, and the
 * database's tree must be at least that large and consistent with it (RFC 9162 §2.1.4 proof from
 * the stored tiles to the latest block's signed root). Findings, never exceptions, for a bad
 * note, a tree that is behind and a tree that diverges.
 */
export async function checkTrustedCheckpoint(input: {
  db: TQueryable;
  note: string;
  /** The log's verifier key (C2SP vkey); its name must be the log's origin. */
  verifierKey: string;
  origin: string;
}): Promise<{ findings: TFinding[]; checkpoint: Checkpoint | null }> {
  let cp: Checkpoint;
  try {
    cp = openCheckpoint(input.note, input.verifierKey);
  } catch (err) {
    if (!(err instanceof CheckpointError) && !(err instanceof NoteError) && !(err instanceof TypeError)) throw err;
    return { findings: [finding("trusted_checkpoint_invalid", err.message)], checkpoint: null };
  }
  if (cp.origin !== input.origin)
    return {
      findings: [
        finding("trusted_checkpoint_invalid", `the checkpoint is for origin ${cp.origin}, not ${input.origin}`),
      ],
      checkpoint: cp,
    };
  const latest = await readLatestBlock(input.db);
  const treeSize = latest?.treeSize ?? 0;
  if (!latest || treeSize < cp.treeSize)
    return {
      findings: [
        finding(
          "trusted_checkpoint_behind",
          `the database's tree has ${treeSize} entries, fewer than the trusted checkpoint's ${cp.treeSize}`,
        ),
      ],
      checkpoint: cp,
    };
  let consistent: boolean;
  try {
    const proof = await consistencyProof(dbHashReader(input.db), { oldSize: cp.treeSize, newSize: treeSize });
    consistent = verifyConsistency({
      oldSize: cp.treeSize,
      newSize: treeSize,
      oldRoot: cp.rootHash,
      newRoot: latest.rootHash,
      proof,
    });
  } catch {
    consistent = false; // tiles the proof needs are gone: nothing ties this tree to the checkpoint
  }
  if (!consistent)
    return {
      findings: [
        finding(
          "trusted_checkpoint_diverged",
          `the database's tree of size ${treeSize} (root ${bytesToHex(latest.rootHash).slice(0, 16)}…) is not consistent with the trusted checkpoint of size ${cp.treeSize} (root ${bytesToHex(cp.rootHash).slice(0, 16)}…)`,
        ),
      ],
      checkpoint: cp,
    };
  return { findings: [], checkpoint: cp };
}
