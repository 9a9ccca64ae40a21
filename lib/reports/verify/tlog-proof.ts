// C2SP tlog-proof (c2sp.org/tlog-proof): header, optional extra data, index, RFC 6962 audit
// path (sibling nearest the leaf first), a blank line, then the checkpoint note verbatim.
// Our `extra` is the entry's record (the leaf bytes), so a verifier recomputes the leaf hash.
import { HASH_SIZE } from "@/lib/ledger/tlog/merkle";
import { base64ToBytes, bytesToBase64 } from "@/lib/ledger/tlog/encoding";

export const TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";
/** The record and a 63-level path fit far below this; anything larger is refused unread. */
export const MAX_TLOG_PROOF_BYTES = 256 * 1024;

export type TTlogProof = {
  /** Opaque, unauthenticated data; ours holds the leaf bytes, checked by hashing them. */
  readonly extra: Uint8Array | null;
  readonly index: number;
  readonly proof: readonly Uint8Array[];
  /** The signed (and cosigned) checkpoint note. */
  readonly checkpoint: string;
};

export class TlogProofError extends Error {
  override name = "TlogProofError";
}

export function formatTlogProof(p: TTlogProof): string {
  if (!Number.isSafeInteger(p.index) || p.index < 0) throw new RangeError("index must be a non-negative integer");
  if (p.proof.some((h) => !(h instanceof Uint8Array) || h.length !== HASH_SIZE))
    throw new TypeError(`proof hashes are ${HASH_SIZE} bytes`);
  if (!p.checkpoint.endsWith("\n")) throw new TypeError("checkpoint note must end with a newline");
  const lines = [
    TLOG_PROOF_HEADER,
    ...(p.extra ? [`extra ${bytesToBase64(p.extra)}`] : []),
    `index ${p.index}`,
    ...p.proof.map(bytesToBase64),
  ];
  return `${lines.join("\n")}\n\n${p.checkpoint}`;
}

const DECIMAL_RE = /^(0|[1-9][0-9]*)$/;

export function parseTlogProof(text: string): TTlogProof {
  if (typeof text !== "string") throw new TypeError("parseTlogProof: expected a string");
  if (text.length > MAX_TLOG_PROOF_BYTES) throw new TlogProofError("tlog-proof is too large");
  const blank = text.indexOf("\n\n");
  if (blank < 0) throw new TlogProofError("no blank line before the checkpoint");
  const lines = text.slice(0, blank).split("\n");
  const checkpoint = text.slice(blank + 2);
  if (lines.shift() !== TLOG_PROOF_HEADER) throw new TlogProofError(`first line must be ${TLOG_PROOF_HEADER}`);
  let extra: Uint8Array | null = null;
  try {
    if (lines[0]?.startsWith("extra ")) extra = base64ToBytes((lines.shift() as string).slice(6));
  } catch {
    throw new TlogProofError("extra data is not canonical base64");
  }
  const indexLine = lines.shift() ?? "";
  const digits = indexLine.startsWith("index ") ? indexLine.slice(6) : "";
  if (!DECIMAL_RE.test(digits) || !Number.isSafeInteger(Number(digits)))
    throw new TlogProofError("missing or malformed index line");
  const proof = lines.map((line, i) => {
    let h: Uint8Array;
    try {
      h = base64ToBytes(line);
    } catch {
      throw new TlogProofError(`proof line ${i + 1} is not canonical base64`);
    }
    if (h.length !== HASH_SIZE) throw new TlogProofError(`proof line ${i + 1} is not a ${HASH_SIZE}-byte hash`);
    return h;
  });
  if (proof.length > 63) throw new TlogProofError("inclusion proof is longer than any tree allows");
  if (checkpoint === "") throw new TlogProofError("no checkpoint after the blank line");
  return { extra, index: Number(digits), proof, checkpoint };
}
