// Byte columns of a batch as one binary parameter each, for an INSERT … unnest that slices them
// with substring(… FROM start FOR length) (write-record-versions.ts): one bytea travels as raw
// bytes, where a bytea[] or text[] of 500 elements is text the server has to parse and decode.

/** Values of one size back to back: element i (1-based in SQL) starts at byte i * size - size + 1. */
export function packFixedBytes(parts: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.length * size);
  parts.forEach((p, i) => {
    if (p.length !== size) throw new RangeError(`packFixedBytes: element ${i} has ${p.length} bytes, not ${size}`);
    out.set(p, i * size);
  });
  return out;
}

/** Values of any size back to back, with each one's 1-based start (as SQL substring counts) and length. */
export function packBytes(parts: readonly Uint8Array[]): {
  bytes: Uint8Array<ArrayBuffer>;
  starts: number[];
  lengths: number[];
} {
  const lengths = parts.map((p) => p.length);
  const bytes = new Uint8Array(lengths.reduce((a, b) => a + b, 0));
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at + 1);
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, starts, lengths };
}
