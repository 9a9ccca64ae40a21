/** Prisma's Bytes fields want a Uint8Array backed by a plain ArrayBuffer; node Buffers may not be. */
export function dbBytes(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(b);
}
