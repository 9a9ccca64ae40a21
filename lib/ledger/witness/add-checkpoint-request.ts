// C2SP tlog-witness add-checkpoint request body: "old <size>\n", up to 63 base64 proof lines,
// an empty line, then the signed checkpoint note. Pure and isomorphic (the witness parses it,
// the app formats it).
import { base64ToBytes, bytesToBase64 } from "../tlog/encoding";
import { HASH_SIZE } from "../tlog/merkle";

/** The spec caps the proof at 63 lines (a tree of 2^63 leaves needs no more). */
export const MAX_PROOF_LINES = 63;
/**
 * A whole request: the old line, 63 proof lines of 45 bytes and a checkpoint note with up to
 * 100 signature lines (lib/ledger/tlog/note.ts caps them there) fit well under 64 KiB.
 */
export const MAX_ADD_CHECKPOINT_BYTES = 64 * 1024;

export type TAddCheckpointRequest = {
  readonly oldSize: number;
  readonly proof: readonly Uint8Array[];
  /** The checkpoint note as sent: body, blank line, signature lines. */
  readonly note: string;
};

export class AddCheckpointRequestError extends Error {
  override name = "AddCheckpointRequestError";
}

const DECIMAL_RE = /^(0|[1-9][0-9]*)$/;

export function formatAddCheckpointRequest(request: TAddCheckpointRequest): string {
  if (!Number.isSafeInteger(request.oldSize) || request.oldSize < 0) throw new RangeError("oldSize must be ≥ 0");
  if (request.proof.length > MAX_PROOF_LINES) throw new RangeError(`at most ${MAX_PROOF_LINES} proof lines`);
  const proof = request.proof.map((h) => `${bytesToBase64(h)}\n`).join("");
  return `old ${request.oldSize}\n${proof}\n${request.note}`;
}

/** Throws AddCheckpointRequestError (a 400) for anything the spec does not allow. */
export function parseAddCheckpointRequest(body: string): TAddCheckpointRequest {
  const bad = (why: string) => new AddCheckpointRequestError(`malformed add-checkpoint request: ${why}`);
  if (typeof body !== "string") throw bad("not text");
  if (body.length > MAX_ADD_CHECKPOINT_BYTES) throw bad("too large");
  const split = body.indexOf("\n\n");
  if (split < 0) throw bad("no empty line before the checkpoint");
  const lines = body.slice(0, split).split("\n");
  const note = body.slice(split + 2);
  const old = /^old (.*)$/.exec(lines[0]);
  if (!old || !DECIMAL_RE.test(old[1]) || !Number.isSafeInteger(Number(old[1])))
    throw bad('the first line must be "old <size>" in decimal without leading zeroes');
  const proofLines = lines.slice(1);
  if (proofLines.length > MAX_PROOF_LINES) throw bad(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = proofLines.map((line) => {
    let hash: Uint8Array;
    try {
      hash = base64ToBytes(line);
    } catch {
      throw bad("a consistency proof line is not base64");
    }
    if (hash.length !== HASH_SIZE) throw bad(`a consistency proof hash must be ${HASH_SIZE} bytes`);
    return hash;
  });
  if (note === "") throw bad("no checkpoint");
  return { oldSize: Number(old[1]), proof, note };
}
