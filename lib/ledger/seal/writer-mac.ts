import "server-only";
import crypto from "node:crypto";
import { serverEnv } from "@/lib/config/env";
import { HASH_SIZE } from "../tlog/merkle";

// The writer's MAC on a queue entry: HMAC-SHA-256 (RFC 2104) under HL_LEDGER_WRITER_KEY, a key
// from configuration that is never in the database. The sequencer seals only entries whose MAC
// verifies, so a row inserted by SQL together with a queue entry (leaf hash recomputed and all)
// is refused instead of signed. Every field is length-prefixed (4-byte big-endian length, then
// the bytes), so no two different entries encode to the same message.

/** Domain tag: a MAC made for anything else never verifies here. Changing it refuses every queued entry. */
export const WRITER_MAC_TAG = "healthledger/ledger-writer/v1";
export const WRITER_MAC_SIZE = 32;

export type TWriterMacInput = {
  kind: string;
  rowId: string;
  leafHash: Uint8Array;
  /** When the writer enqueued the entry; the sequencer refuses one outside its clock window. */
  recordedAt: Date;
};

/** Raw 32-byte keys, or KeyObjects (several times faster per MAC: the key is set up once). */
export type TWriterKey = Buffer | crypto.KeyObject;
export type TWriterKeys = { current: TWriterKey; previous?: TWriterKey };

let cached: { source: string; keys: TWriterKeys } | undefined;

/** HL_LEDGER_WRITER_KEY and, during a rotation, HL_LEDGER_WRITER_KEY_PREVIOUS. */
export function getWriterKeys(): TWriterKeys {
  const env = serverEnv();
  const source = `${env.HL_LEDGER_WRITER_KEY}\n${env.HL_LEDGER_WRITER_KEY_PREVIOUS ?? ""}`;
  if (cached?.source !== source) {
    const previous = env.HL_LEDGER_WRITER_KEY_PREVIOUS;
    cached = {
      source,
      keys: {
        current: crypto.createSecretKey(Buffer.from(env.HL_LEDGER_WRITER_KEY, "base64")),
        previous: previous ? crypto.createSecretKey(Buffer.from(previous, "base64")) : undefined,
      },
    };
  }
  return cached.keys;
}

const TAG = Buffer.from(WRITER_MAC_TAG, "utf8");

/** tag, kind, row id, leaf hash, time: each as a 4-byte big-endian length and its bytes, in one buffer. */
function message(input: TWriterMacInput): Buffer {
  if (input.leafHash.length !== HASH_SIZE) throw new RangeError("writerMac: leaf hash must be 32 bytes");
  const ms = input.recordedAt.getTime();
  if (!Number.isSafeInteger(ms)) throw new RangeError("writerMac: recordedAt is not a valid time");
  // Row ids are uuids; PostgreSQL hands them back in lower case, so that is the form MACed.
  const rowId = input.rowId.toLowerCase();
  const kindLength = Buffer.byteLength(input.kind, "utf8");
  const rowIdLength = Buffer.byteLength(rowId, "utf8");
  const out = Buffer.allocUnsafe(5 * 4 + TAG.length + kindLength + rowIdLength + HASH_SIZE + 8);
  let at = out.writeUInt32BE(TAG.length, 0);
  at += TAG.copy(out, at);
  at = out.writeUInt32BE(kindLength, at);
  at += out.write(input.kind, at, "utf8");
  at = out.writeUInt32BE(rowIdLength, at);
  at += out.write(rowId, at, "utf8");
  at = out.writeUInt32BE(HASH_SIZE, at);
  out.set(input.leafHash, at);
  at = out.writeUInt32BE(8, at + HASH_SIZE);
  out.writeBigInt64BE(BigInt(ms), at);
  return out;
}

/** The MAC a writer stores with its queue entry, under the current key. */
export function writerMac(input: TWriterMacInput, keys: TWriterKeys = getWriterKeys()): Buffer {
  return crypto.createHmac("sha256", keys.current).update(message(input)).digest();
}

/** True when `mac` is the entry's MAC under the current or (during a rotation) the previous key. */
export function verifyWriterMac(
  input: TWriterMacInput,
  mac: Uint8Array | null | undefined,
  keys: TWriterKeys = getWriterKeys(),
): boolean {
  if (!mac || mac.length !== WRITER_MAC_SIZE) return false;
  let msg: Buffer;
  try {
    msg = message(input);
  } catch {
    return false;
  }
  const given = Buffer.from(mac.buffer, mac.byteOffset, mac.byteLength);
  for (const key of [keys.current, keys.previous]) {
    if (key && crypto.timingSafeEqual(crypto.createHmac("sha256", key).update(msg).digest(), given)) return true;
  }
  return false;
}
