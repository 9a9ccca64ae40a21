// What a witness answers to one add-checkpoint request (C2SP tlog-witness), as a pure decision:
// the server around it only reads the body, holds the state lock and persists a 200's new state.
// decide-add-checkpoint.test.ts has the table of outcomes.
import { CheckpointError, cosignCheckpoint, parseCheckpoint } from "../tlog/checkpoint";
import { base64ToBytes, bytesEqual, bytesToBase64 } from "../tlog/encoding";
import { NoteError, parseNote, verifyNote, type NoteSigner, type NoteVerifier } from "../tlog/note";
import { verifyConsistency } from "../tlog/proof";
import { AddCheckpointRequestError, parseAddCheckpointRequest } from "./add-checkpoint-request";

/** What a witness remembers of one log: the latest checkpoint it cosigned. */
export type TWitnessedLog = {
  treeSize: number;
  /** base64 of the root hash, as in the checkpoint. */
  rootHash: string;
  /** The log-signed checkpoint note it cosigned, kept as evidence. */
  checkpoint: string;
  /** The cosignature line it returned. */
  cosignature: string;
  cosignedAt: string;
};

export type TAddCheckpointOutcome =
  | { status: 200; body: string; next: TWitnessedLog; origin: string }
  | { status: 409; size: number; why: string }
  | { status: 400 | 403 | 404 | 422; why: string };

export type TAddCheckpointFacts = {
  body: string;
  /** The log keys this witness trusts, by origin (each origin's key names match it). */
  logs: ReadonlyMap<string, readonly NoteVerifier[]>;
  /** The latest checkpoint cosigned per origin. */
  witnessed: (origin: string) => TWitnessedLog | null;
  signer: NoteSigner;
  /** Seconds since the epoch, for the cosignature's timestamp. */
  now: number;
};

export function decideAddCheckpoint(facts: TAddCheckpointFacts): TAddCheckpointOutcome {
  let request;
  try {
    request = parseAddCheckpointRequest(facts.body);
  } catch (err) {
    if (err instanceof AddCheckpointRequestError) return { status: 400, why: err.message };
    throw err;
  }
  let text: string;
  try {
    text = parseNote(request.note).text;
  } catch (err) {
    if (err instanceof NoteError) return { status: 400, why: err.message };
    throw err;
  }
  const origin = text.slice(0, text.indexOf("\n"));
  const keys = facts.logs.get(origin);
  if (!keys?.length) return { status: 404, why: "unknown log origin" };
  let checkpoint;
  try {
    // Signatures by unknown keys are ignored; a trusted key's bad signature refuses the note.
    verifyNote(request.note, keys);
    checkpoint = parseCheckpoint(text);
  } catch (err) {
    if (err instanceof NoteError) return { status: 403, why: "no valid signature from a key trusted for this log" };
    if (err instanceof CheckpointError) return { status: 400, why: err.message };
    throw err;
  }
  if (request.oldSize > checkpoint.treeSize) return { status: 400, why: "old size is larger than the checkpoint" };
  const known = facts.witnessed(origin);
  const knownSize = known?.treeSize ?? 0;
  if (request.oldSize !== knownSize)
    return { status: 409, size: knownSize, why: `the latest cosigned checkpoint has size ${knownSize}` };
  const newRoot = checkpoint.rootHash;
  if (known && request.oldSize === checkpoint.treeSize && !bytesEqual(base64ToBytes(known.rootHash), newRoot))
    return { status: 409, size: knownSize, why: "another root hash at the size already cosigned (a fork)" };
  const oldRoot = known ? base64ToBytes(known.rootHash) : newRoot;
  const consistent = verifyConsistency({
    oldSize: request.oldSize,
    newSize: checkpoint.treeSize,
    oldRoot,
    newRoot,
    proof: request.proof,
  });
  if (!consistent) return { status: 422, why: "the consistency proof does not verify" };
  const cosignature = cosignCheckpoint({ body: text, signer: facts.signer, timestamp: facts.now });
  const next: TWitnessedLog = {
    treeSize: checkpoint.treeSize,
    rootHash: bytesToBase64(newRoot),
    checkpoint: request.note,
    cosignature,
    cosignedAt: new Date(facts.now * 1000).toISOString(),
  };
  return { status: 200, body: cosignature, next, origin };
}
