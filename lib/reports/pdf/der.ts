// Minimal DER (ITU-T X.690 §8, §10) reader and writer for the CMS and X.509 structures the PDF
// signature needs. Isomorphic and dependency-free: the verifier runs in a browser, and checking a
// signature needs the exact bytes of the signed attributes and of each TBSCertificate, which a
// reader that keeps offsets gives directly (no re-encoding that could differ from what was signed).

export class DerError extends Error {}

export type TDerNode = {
  /** The identifier octet: class, constructed bit and tag number (< 31; higher tags are refused). */
  tag: number;
  /** The whole element (identifier, length, contents), a view into the input. */
  raw: Uint8Array;
  /** The contents octets only. */
  body: Uint8Array;
};

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** [n] context-specific tag; constructed unless it is an implicit primitive. */
export const contextTag = (n: number, constructed = true) => (constructed ? 0xa0 : 0x80) | n;

/** Reads one element at `offset`; definite lengths only (DER), at most 4 length octets. */
export function readDer(bytes: Uint8Array, offset = 0): TDerNode {
  if (offset + 2 > bytes.length) throw new DerError("DER element truncated");
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError("DER high tag numbers are not used here");
  let length = bytes[offset + 1];
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError("DER indefinite or oversized length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i];
    header += count;
    if (length < 0x80 || (count > 1 && bytes[offset + 2] === 0)) throw new DerError("DER length not minimal");
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new DerError("DER element runs past its input");
  return { tag, raw: bytes.subarray(offset, end), body: bytes.subarray(offset + header, end) };
}

/** The elements inside a constructed element. */
export function children(node: TDerNode): TDerNode[] {
  if (!(node.tag & 0x20)) throw new DerError("DER element is not constructed");
  const out: TDerNode[] = [];
  for (let at = 0; at < node.body.length;) {
    const child = readDer(node.body, at);
    out.push(child);
    at += child.raw.length;
  }
  return out;
}

/** Parses a whole buffer as exactly one element (trailing bytes are an error). */
export function parseDer(bytes: Uint8Array): TDerNode {
  const node = readDer(bytes, 0);
  if (node.raw.length !== bytes.length) throw new DerError("trailing bytes after the DER element");
  return node;
}

export function expectTag(node: TDerNode | undefined, tag: number, what: string): TDerNode {
  if (!node || node.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}`);
  return node;
}

export function decodeOid(node: TDerNode): string {
  expectTag(node, TAG.OID, "OBJECT IDENTIFIER");
  const b = node.body;
  if (b.length === 0) throw new DerError("empty OBJECT IDENTIFIER");
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < b.length; i++) {
    value = value * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift()!;
  const top = first < 80 ? Math.floor(first / 40) : 2;
  return [top, first - top * 40, ...arcs].join(".");
}

export function decodeTime(node: TDerNode): Date {
  const text = new TextDecoder().decode(node.body);
  const m =
    node.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m || (node.tag !== TAG.UTC_TIME && node.tag !== TAG.GENERALIZED_TIME)) throw new DerError("bad time");
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900; // RFC 5280 §4.1.2.5.1
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

// ---- writer ----

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One element from its tag and already-encoded contents. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = concatBytes(contents);
  return concatBytes([Uint8Array.of(tag, ...lengthOctets(body.length)), body]);
}

export const derSequence = (...items: Uint8Array[]) => tlv(TAG.SEQUENCE, ...items);
export const derOctetString = (bytes: Uint8Array) => tlv(TAG.OCTET_STRING, bytes);
export const derNull = () => tlv(TAG.NULL);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** SET OF: DER orders the encoded elements (X.690 §11.6), so the bytes signed are the canonical ones. */
export const derSetOf = (...items: Uint8Array[]) => tlv(TAG.SET, ...[...items].sort(compareBytes));

export function derInteger(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError("derInteger takes a non-negative safe integer");
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  if (out.length === 0 || out[0] & 0x80) out.unshift(0);
  return tlv(TAG.INTEGER, Uint8Array.from(out));
}

export function derOid(oid: string): Uint8Array {
  const arcs = oid.split(".").map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new RangeError(`bad OID ${oid}`);
  const out: number[] = [];
  for (const arc of [arcs[0] * 40 + arcs[1], ...arcs.slice(2)]) {
    const group: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) group.unshift(0x80 | (v & 0x7f));
    out.push(...group);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}
