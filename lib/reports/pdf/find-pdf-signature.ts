// Finds the signature dictionary of a signed PDF (ISO 32000-1 §12.8.1) by its ByteRange, and
// reads what the check needs: the four ByteRange numbers, the /Contents bytes, /SubFilter and /M.
// Not a general PDF parser: it reads the one dictionary our signer writes and any producer's
// plain (uncompressed) signature dictionary, which ISO 32000 requires to be a direct object.
// Isomorphic.

export type TFoundPdfSignature = {
  byteRange: [number, number, number, number];
  /** The bytes of the /Contents hex string: the CMS, then zero padding. */
  contents: Uint8Array;
  subFilter?: string;
  /** /M as written ("D:20261207014515Z") and as an instant, when it parses. */
  m?: string;
  signingTime?: Date;
  /** How many ByteRange entries the file holds (more than one: several signatures or updates). */
  signatureCount: number;
};

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** ISO 32000-1 §7.9.4: D:YYYYMMDDHHmmSSOHH'mm' with every part after the year optional. */
export function parsePdfDate(text: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?|[+-]\d{2})?/.exec(text);
  if (!m) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", zone = "Z"] = m;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const z = /^([+-])(\d{2})'?(\d{2})?/.exec(zone)!;
    offsetMinutes = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0));
  }
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - offsetMinutes * 60_000;
  return Number.isNaN(utc) ? undefined : new Date(utc);
}

function hexToBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 || /[^0-9a-fA-F]/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The last signature of the file (the one that covers the most), or a sentence saying why none. */
export function findPdfSignature(pdf: Uint8Array): TFoundPdfSignature | { error: string } {
  const text = new TextDecoder("latin1").decode(pdf);
  const matches = [...text.matchAll(BYTE_RANGE)];
  if (matches.length === 0) return { error: "the file has no signature dictionary (no /ByteRange)" };
  const match = matches[matches.length - 1];
  const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
  const [, start, end] = byteRange;
  if (!(start < end && end <= pdf.length && pdf[start] === 0x3c && pdf[end - 1] === 0x3e))
    return { error: "the ByteRange gap is not the signature's /Contents hex string" };
  const raw = hexToBytes(text.slice(start + 1, end - 1));
  if (!raw) return { error: "the signature's /Contents is not a hex string" };
  // The object around the ByteRange, without the hex string (which may be long).
  const from = Math.min(match.index, start);
  const objectStart = text.lastIndexOf(" obj", from);
  const objectEnd = text.indexOf("endobj", Math.max(end, match.index));
  const dict =
    text.slice(objectStart < 0 ? Math.max(0, from - 4096) : objectStart, start) +
    text.slice(end, objectEnd < 0 ? end + 4096 : objectEnd);
  const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dict)?.[1];
  const m = /\/M\s*\((D:[^)]*)\)/.exec(dict)?.[1];
  return {
    byteRange,
    contents: raw,
    subFilter,
    m,
    signingTime: m ? parsePdfDate(m) : undefined,
    signatureCount: matches.length,
  };
}
