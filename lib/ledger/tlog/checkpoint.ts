// C2SP tlog-checkpoint (note body) and tlog-cosignature cosignature/v1 (timestamped Ed25519, type 0x04).
// Changing this format breaks verification of every checkpoint already signed and stored.
import { base64ToBytes, bytesToBase64, concatBytes, utf8ToBytes } from "./encoding";
import { HASH_SIZE, assertHash, assertTreeSize } from "./merkle";
import {
  NoteError,
  SIG_TYPE_COSIGNATURE_V1,
  computeKeyId,
  formatSignatureLine,
  isValidKeyName,
  parseNote,
  parseVerifierKey,
  signEd25519,
  signNote,
  verifyEd25519,
  verifyNote,
  type NoteSigner,
  type NoteVerifier,
} from "./note";

export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly extensions: readonly string[];
}

export type CheckpointInput = Omit<Checkpoint, "extensions"> & { readonly extensions?: readonly string[] };

export type CheckpointErrorCode = "malformed-checkpoint" | "bad-signature" | "missing-cosignature";

export class CheckpointError extends Error {
  override name = "CheckpointError";
  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const CONTROL_RE = /[\u0000-\u001f]/;
const DECIMAL_RE = /^(0|[1-9][0-9]*)$/;

/** Our logs always use an origin that is also a valid key name, as the spec recommends. */
export function formatCheckpoint(cp: CheckpointInput): string {
  if (!isValidKeyName(cp.origin))
    throw new TypeError("formatCheckpoint: origin must be non-empty with no spaces or '+'");
  assertTreeSize(cp.treeSize, "formatCheckpoint: treeSize");
  assertHash(cp.rootHash, "formatCheckpoint: rootHash");
  const extensions = cp.extensions ?? [];
  for (const line of extensions) {
    if (typeof line !== "string" || line === "" || CONTROL_RE.test(line)) {
      throw new TypeError("formatCheckpoint: extension lines must be non-empty single lines");
    }
  }
  return [cp.origin, String(cp.treeSize), bytesToBase64(cp.rootHash), ...extensions].map((l) => `${l}\n`).join("");
}

/** Parses a checkpoint body (the note text). Accepts any origin the spec allows, not only ones we would emit. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== "string") throw new TypeError("parseCheckpoint: expected a string");
  const bad = (why: string) => new CheckpointError("malformed-checkpoint", `malformed checkpoint: ${why}`);
  if (!text.endsWith("\n")) throw bad("must end with a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) throw bad("needs origin, size and root hash lines");
  const [origin, size, root, ...extensions] = lines;
  if (origin.trim() === "" || CONTROL_RE.test(origin)) throw bad("empty origin");
  if (!DECIMAL_RE.test(size) || !Number.isSafeInteger(Number(size)))
    throw bad("tree size must be a decimal without leading zeros");
  let rootHash: Uint8Array;
  try {
    rootHash = base64ToBytes(root);
  } catch {
    throw bad("root hash is not base64");
  }
  if (rootHash.length !== HASH_SIZE) throw bad(`root hash must be ${HASH_SIZE} bytes`);
  if (extensions.some((l) => l === "" || CONTROL_RE.test(l))) throw bad("extension lines must be non-empty");
  return { origin, treeSize: Number(size), rootHash, extensions };
}

export function signCheckpoint(cp: CheckpointInput, signer: NoteSigner): string {
  return signNote(formatCheckpoint(cp), signer);
}

function toVerifier(key: NoteVerifier | string): NoteVerifier {
  return typeof key === "string" ? parseVerifierKey(key) : key;
}

/** The checkpoint in a note signed by `verifierKey` (other signatures are ignored). Throws CheckpointError. */
export function openCheckpoint(note: string, verifierKey: NoteVerifier | string): Checkpoint {
  const verifier = toVerifier(verifierKey);
  let text: string;
  try {
    text = verifyNote(note, [verifier]).text;
  } catch (err) {
    if (!(err instanceof NoteError)) throw err;
    const code = err.code === "malformed-note" ? "malformed-checkpoint" : "bad-signature";
    throw new CheckpointError(code, `checkpoint not signed by ${verifier.name}: ${err.message}`, { cause: err });
  }
  return parseCheckpoint(text);
}

/** tlog-cosignature: "cosignature/v1\ntime <t>\n" followed by the whole checkpoint body. */
export function cosignatureMessage(body: string, timestamp: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new RangeError("timestamp must be non-negative whole seconds");
  return utf8ToBytes(`cosignature/v1\ntime ${timestamp}\n${body}`);
}

function u64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), false);
  return out;
}

/** The cosigner's key ID: same name and Ed25519 key as a note key, but type byte 0x04. */
export function cosignerKeyId(key: { name: string; publicKey: Uint8Array }): number {
  return computeKeyId(key.name, concatBytes(new Uint8Array([SIG_TYPE_COSIGNATURE_V1]), key.publicKey));
}

/** A witness's signature line over a checkpoint body; append it to the signed checkpoint note. */
export function cosignCheckpoint(input: { body: string; signer: NoteSigner; timestamp: number }): string {
  const { body, signer, timestamp } = input;
  parseCheckpoint(body);
  const sig = signEd25519(cosignatureMessage(body, timestamp), signer.seed);
  return formatSignatureLine(signer.name, cosignerKeyId(signer), concatBytes(u64(timestamp), sig));
}

/**
 * Checks the cosignature by `verifierKey` (a 0x04 cosigner key, or the same Ed25519 key as 0x01)
 * on a checkpoint note. Does not check the log's own signature: use openCheckpoint for that.
 */
export function verifyCosignature(input: { note: string; verifierKey: NoteVerifier | string }): {
  checkpoint: Checkpoint;
  timestamp: number;
} {
  const verifier = toVerifier(input.verifierKey);
  const parsed = parseNote(input.note);
  const checkpoint = parseCheckpoint(parsed.text);
  const keyId = cosignerKeyId(verifier);
  const mine = parsed.signatures.filter((s) => s.name === verifier.name && s.keyId === keyId);
  if (mine.length === 0) throw new CheckpointError("missing-cosignature", `no cosignature from ${verifier.name}`);
  let timestamp = -1;
  for (const { signature } of mine) {
    const view = new DataView(signature.buffer, signature.byteOffset, signature.byteLength);
    const t = signature.length === 72 ? view.getBigUint64(0, false) : -1n;
    // The spec caps timestamps at 2^63 − 1; we also need them to fit a JS number.
    const ok =
      t >= 0n &&
      t <= BigInt(Number.MAX_SAFE_INTEGER) &&
      verifyEd25519({
        signature: signature.subarray(8),
        message: cosignatureMessage(parsed.text, Number(t)),
        publicKey: verifier.publicKey,
      });
    if (!ok) throw new CheckpointError("bad-signature", `invalid cosignature from ${verifier.name}`);
    if (timestamp < 0) timestamp = Number(t);
  }
  return { checkpoint, timestamp };
}
