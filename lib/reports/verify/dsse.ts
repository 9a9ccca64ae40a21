// DSSE v1 (github.com/secure-systems-lab/dsse, protocol.md and envelope.md): PAE and the JSON
// envelope, with Ed25519 signatures. Pure and isomorphic: the /verify page runs it in a browser.
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToBase64, concatBytes, utf8ToBytes } from "@/lib/ledger/tlog/encoding";
import { isJsonObject, isString } from "@/lib/ledger/kinds/json-shape";
import { verifyEd25519 } from "@/lib/ledger/tlog/note";

/** in-toto's payload type for a Statement (in-toto attestation spec v1, envelope layer). */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
/** An envelope larger than this is not one of ours (the statement lists a dozen files). */
export const MAX_ENVELOPE_BYTES = 1 << 20;

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN in ASCII decimal bytes. */
export function preAuthEncoding(payloadType: string, body: Uint8Array): Uint8Array {
  if (typeof payloadType !== "string") throw new TypeError("payloadType must be a string");
  if (!(body instanceof Uint8Array)) throw new TypeError("body must be a Uint8Array");
  const type = utf8ToBytes(payloadType);
  return concatBytes(utf8ToBytes(`DSSEv1 ${type.length} `), type, utf8ToBytes(` ${body.length} `), body);
}

/** Standard or URL-safe base64, padded or not: the protocol says verifiers MUST accept either. */
export function decodeDsseBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new RangeError("not base64");
  const std = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (std.length % 4 === 1) throw new RangeError("not base64");
  const binary = atob(std + "=".repeat((4 - (std.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export type TDsseEnvelope = { payload: string; payloadType: string; signatures: { keyid?: string; sig: string }[] };
export const MAX_DSSE_SIGNATURES = 16;

/**
 * The envelope's fields (others dropped), or null: a payload up to MAX_ENVELOPE_BYTES characters,
 * a payload type of 1–256, 1–16 signatures each with a sig of 1–1024 and an optional keyid up to 256.
 */
export function readDsseEnvelope(value: unknown): TDsseEnvelope | null {
  if (!isJsonObject(value)) return null;
  const { payload, payloadType, signatures } = value;
  if (!isString(payload, { max: MAX_ENVELOPE_BYTES }) || !isString(payloadType, { min: 1, max: 256 })) return null;
  if (!Array.isArray(signatures) || signatures.length < 1 || signatures.length > MAX_DSSE_SIGNATURES) return null;
  const sigs: TDsseEnvelope["signatures"] = [];
  for (const s of signatures) {
    if (!isJsonObject(s) || !isString(s.sig, { min: 1, max: 1024 })) return null;
    if (s.keyid !== undefined && !isString(s.keyid, { max: 256 })) return null;
    sigs.push(s.keyid === undefined ? { sig: s.sig } : { keyid: s.keyid, sig: s.sig });
  }
  return { payload, payloadType, signatures: sigs };
}

/** Signs `body` under `payloadType` with an Ed25519 seed; `keyid` is an unauthenticated hint. */
export function signDsse(input: {
  payloadType: string;
  body: Uint8Array;
  seed: Uint8Array;
  keyid?: string;
}): TDsseEnvelope {
  if (!(input.seed instanceof Uint8Array) || input.seed.length !== 32)
    throw new TypeError("an Ed25519 seed is 32 bytes");
  const sig = ed25519.sign(preAuthEncoding(input.payloadType, input.body), input.seed);
  return {
    payload: bytesToBase64(input.body),
    payloadType: input.payloadType,
    signatures: [{ ...(input.keyid ? { keyid: input.keyid } : {}), sig: bytesToBase64(sig) }],
  };
}

export type TDsseOpened = { payloadType: string; body: Uint8Array; pae: Uint8Array };

export class DsseError extends Error {
  override name = "DsseError";
  constructor(
    readonly code: "malformed-envelope" | "bad-signature" | "wrong-payload-type",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Opens an envelope as the protocol's "To verify" says: decode, verify some signature against
 * the PAE with `publicKey`, then check the payload type. Throws DsseError.
 */
export function openDsse(envelopeJson: string, input: { publicKey: Uint8Array; payloadType: string }): TDsseOpened {
  let parsed: TDsseEnvelope | null;
  try {
    parsed = readDsseEnvelope(JSON.parse(envelopeJson));
  } catch {
    parsed = null;
  }
  if (!parsed) throw new DsseError("malformed-envelope", "not a DSSE envelope (payload, payloadType, signatures)");
  let body: Uint8Array;
  let sigs: Uint8Array[];
  try {
    body = decodeDsseBase64(parsed.payload);
    sigs = parsed.signatures.map((s) => decodeDsseBase64(s.sig));
  } catch {
    throw new DsseError("malformed-envelope", "the envelope's payload or a signature is not base64");
  }
  const pae = preAuthEncoding(parsed.payloadType, body);
  if (!sigs.some((signature) => verifyEd25519({ signature, message: pae, publicKey: input.publicKey })))
    throw new DsseError("bad-signature", "no signature in the envelope verifies with the report-signing key");
  if (parsed.payloadType !== input.payloadType)
    throw new DsseError("wrong-payload-type", `payload type is ${parsed.payloadType}, not ${input.payloadType}`);
  return { payloadType: parsed.payloadType, body, pae };
}
