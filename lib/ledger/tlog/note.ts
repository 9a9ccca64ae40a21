// C2SP signed-note (c2sp.org/signed-note) with Ed25519, key encodings as in golang.org/x/mod/sumdb/note.
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64ToBytes, bytesToBase64, concatBytes, readUint32BE, uint32ToBytes, utf8ToBytes } from "./encoding";

/** Signature type bytes from the signed-note registry. */
export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;
const KNOWN_TYPES = new Set([SIG_TYPE_ED25519, SIG_TYPE_COSIGNATURE_V1]);
// The spec asks verifiers to cap signatures (at least 16); Go's reference caps at 100.
const MAX_SIGNATURES = 100;
const SIG_PREFIX = "\u2014 "; // em dash, space

export type NoteErrorCode =
  | "malformed-key"
  | "key-id-mismatch"
  | "unknown-algorithm"
  | "malformed-note"
  | "ambiguous-verifier"
  | "invalid-signature"
  | "unverified";

export class NoteError extends Error {
  override name = "NoteError";
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
}

/** One signature line: `signature` excludes the 4-byte key ID. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signature: Uint8Array;
}

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

const SPACE_RE = /[\s\u0085]/u; // Go's unicode.IsSpace also counts U+0085, which \s does not
const CONTROL_RE = /[\u0000-\u0009\u000b-\u001f]/;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Non-empty, no Unicode spaces, no "+" (which separates key-string fields), encodable as UTF-8. */
export function isValidKeyName(name: string): boolean {
  return (
    typeof name === "string" &&
    name !== "" &&
    !SPACE_RE.test(name) &&
    !name.includes("+") &&
    !CONTROL_RE.test(name) &&
    !LONE_SURROGATE_RE.test(name)
  );
}

/** key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], as a big-endian uint32. */
export function computeKeyId(name: string, typedPublicKey: Uint8Array): number {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
  return readUint32BE(sha256(concatBytes(utf8ToBytes(name), new Uint8Array([0x0a]), typedPublicKey)));
}

const hex8 = (id: number) => id.toString(16).padStart(8, "0");

/** Splits "a+b+rest" on the first n pluses; base64 key material may itself contain "+". */
function cut(s: string, fields: number): string[] | null {
  const out: string[] = [];
  for (let i = 0; i < fields - 1; i++) {
    const at = s.indexOf("+");
    if (at < 0) return null;
    out.push(s.slice(0, at));
    s = s.slice(at + 1);
  }
  return [...out, s];
}

function decodeTypedKey(name: string, hash16: string, key64: string): { keyId: number; type: number; key: Uint8Array } {
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(hash16))
    throw new NoteError("malformed-key", "malformed key name or ID");
  let raw: Uint8Array;
  try {
    raw = base64ToBytes(key64);
  } catch {
    throw new NoteError("malformed-key", "key material is not base64");
  }
  if (raw.length === 0 || !KNOWN_TYPES.has(raw[0]))
    throw new NoteError("unknown-algorithm", "unsupported key algorithm");
  if (raw.length !== 33) throw new NoteError("malformed-key", "Ed25519 key material must be 32 bytes");
  return { keyId: Number.parseInt(hash16, 16), type: raw[0], key: raw.subarray(1) };
}

export function parseVerifierKey(vkey: string): NoteVerifier {
  if (typeof vkey !== "string") throw new TypeError("parseVerifierKey: expected a string");
  const parts = cut(vkey, 3);
  if (!parts) throw new NoteError("malformed-key", "verifier key must be <name>+<id>+<key>");
  const [name, hash16, key64] = parts;
  const { keyId, type, key } = decodeTypedKey(name, hash16, key64);
  if (keyId !== computeKeyId(name, concatBytes(new Uint8Array([type]), key))) {
    throw new NoteError("key-id-mismatch", "verifier key ID does not match its name and key");
  }
  return { name, keyId, type, publicKey: key.slice() };
}

/** Accepts type 0x01 keys and, as transparency-dev/formats does, 0x04 keys for cosigners. */
export function parseSignerKey(skey: string): NoteSigner {
  if (typeof skey !== "string") throw new TypeError("parseSignerKey: expected a string");
  const parts = cut(skey, 5);
  if (!parts || parts[0] !== "PRIVATE" || parts[1] !== "KEY") {
    throw new NoteError("malformed-key", "signer key must be PRIVATE+KEY+<name>+<id>+<key>");
  }
  const [, , name, hash16, key64] = parts;
  const { keyId, type, key } = decodeTypedKey(name, hash16, key64);
  const seed = key.slice();
  const publicKey = ed25519.getPublicKey(seed);
  // The ID names the public key, so it can only be checked after deriving it from the seed.
  if (keyId !== computeKeyId(name, concatBytes(new Uint8Array([type]), publicKey))) {
    throw new NoteError("key-id-mismatch", "signer key ID does not match its name and derived public key");
  }
  return { name, keyId, type, seed, publicKey };
}

export function formatSignerKey(signer: NoteSigner): string {
  const material = bytesToBase64(concatBytes(new Uint8Array([signer.type]), signer.seed));
  return `PRIVATE+KEY+${signer.name}+${hex8(signer.keyId)}+${material}`;
}

/** The public verifier key string; `type` lets one Ed25519 key be published as a 0x04 cosigner key. */
export function verifierKeyFromSigner(signer: NoteSigner, type: number = signer.type): string {
  if (!KNOWN_TYPES.has(type)) throw new RangeError(`unsupported signature type ${type}`);
  const typed = concatBytes(new Uint8Array([type]), signer.publicKey);
  return `${signer.name}+${hex8(computeKeyId(signer.name, typed))}+${bytesToBase64(typed)}`;
}

export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
  const seed = ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(seed);
  const keyId = computeKeyId(name, concatBytes(new Uint8Array([SIG_TYPE_ED25519]), publicKey));
  const signer: NoteSigner = { name, keyId, type: SIG_TYPE_ED25519, seed, publicKey };
  return { signerKey: formatSignerKey(signer), verifierKey: verifierKeyFromSigner(signer) };
}

/** RFC 8032 Ed25519 signing: `seed` is the 32-byte private key. */
export type TEd25519Sign = (message: Uint8Array, seed: Uint8Array) => Uint8Array;

/** @noble by default (runs in browsers). */
let ed25519Sign: TEd25519Sign = (message, seed) => ed25519.sign(message, seed);

/**
 * Lets a server swap in another implementation of the same Ed25519 (node:crypto signs in 0.035 ms
 * where @noble takes 0.52, and the sequencer signs a checkpoint per seal). Ed25519 signatures are
 * deterministic, so any correct implementation gives the same bytes: ed25519-node.test.ts checks
 * the node:crypto one against RFC 8032's vectors and against @noble.
 */
export function setEd25519Sign(impl: TEd25519Sign): void {
  ed25519Sign = impl;
}

export function signEd25519(message: Uint8Array, seed: Uint8Array): Uint8Array {
  return ed25519Sign(message, seed);
}

/** Strict RFC 8032 verification (zip215: false), so a signature has one accepted encoding; never throws. */
export function verifyEd25519(input: { signature: Uint8Array; message: Uint8Array; publicKey: Uint8Array }): boolean {
  if (input.signature.length !== 64 || input.publicKey.length !== 32) return false;
  try {
    return ed25519.verify(input.signature, input.message, input.publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** `— <name> base64(keyId ‖ signature)\n`: also used for cosignature lines. */
export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  if (!isValidKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
  return `${SIG_PREFIX}${name} ${bytesToBase64(concatBytes(uint32ToBytes(keyId), signature))}\n`;
}

function assertNoteText(text: string): void {
  if (typeof text !== "string") throw new TypeError("note text must be a string");
  if (!text.endsWith("\n")) throw new NoteError("malformed-note", "note text must end with a newline");
  if (CONTROL_RE.test(text) || LONE_SURROGATE_RE.test(text)) {
    throw new NoteError(
      "malformed-note",
      "note text must be valid UTF-8 without control characters other than newline",
    );
  }
}

export function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): string {
  assertNoteText(text);
  const list = Array.isArray(signers) ? signers : [signers as NoteSigner];
  if (list.length === 0) throw new TypeError("signNote: at least one signer is required");
  const message = utf8ToBytes(text);
  const lines = list.map((s) => {
    // A 0x04 key signs the cosignature/v1 message, never the bare text.
    if (s.type !== SIG_TYPE_ED25519) throw new TypeError(`signNote: ${s.name} is not an Ed25519 note key`);
    return formatSignatureLine(s.name, s.keyId, signEd25519(message, s.seed));
  });
  return `${text}\n${lines.join("")}`;
}

/** Splits a note into text and signature lines without verifying anything. Throws NoteError("malformed-note"). */
export function parseNote(note: string): ParsedNote {
  if (typeof note !== "string") throw new TypeError("parseNote: expected a string");
  const malformed = (why: string) => new NoteError("malformed-note", `malformed note: ${why}`);
  if (CONTROL_RE.test(note) || LONE_SURROGATE_RE.test(note)) throw malformed("control character or invalid UTF-8");
  // The text may contain blank lines; the last one separates it from the signatures.
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw malformed("no blank line before signatures");
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === "" || !block.endsWith("\n")) throw malformed("signature block must end with a newline");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    if (!line.startsWith(SIG_PREFIX)) throw malformed("signature line must start with an em dash and a space");
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(" ");
    const name = space < 0 ? rest : rest.slice(0, space);
    let raw: Uint8Array;
    try {
      raw = base64ToBytes(space < 0 ? "" : rest.slice(space + 1));
    } catch {
      throw malformed("signature is not base64");
    }
    if (!isValidKeyName(name) || raw.length < 5) throw malformed("bad key name or short signature");
    return { name, keyId: readUint32BE(raw), signature: raw.slice(4) };
  });
  return { text, signatures };
}

/**
 * Opens a note as golang.org/x/mod/sumdb/note Open does: unknown keys are ignored, a known key's
 * bad signature rejects the whole note, and at least one known key must have signed.
 */
export function verifyNote(
  note: string,
  verifiers: readonly NoteVerifier[],
): ParsedNote & { verifiedBy: NoteVerifier[] } {
  const parsed = parseNote(note);
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    if (v.type !== SIG_TYPE_ED25519) throw new TypeError(`verifyNote: ${v.name} is not an Ed25519 note key`);
    const key = `${v.name}+${hex8(v.keyId)}`;
    if (known.has(key)) throw new NoteError("ambiguous-verifier", `two verifiers share ${key}`);
    known.set(key, v);
  }
  const message = utf8ToBytes(parsed.text);
  const verifiedBy: NoteVerifier[] = [];
  for (const sig of parsed.signatures) {
    const v = known.get(`${sig.name}+${hex8(sig.keyId)}`);
    if (!v || verifiedBy.includes(v)) continue;
    if (!verifyEd25519({ signature: sig.signature, message, publicKey: v.publicKey })) {
      throw new NoteError("invalid-signature", `invalid signature for key ${sig.name}+${hex8(sig.keyId)}`);
    }
    verifiedBy.push(v);
  }
  if (verifiedBy.length === 0) throw new NoteError("unverified", "note has no signature from a known key");
  return { ...parsed, verifiedBy };
}
