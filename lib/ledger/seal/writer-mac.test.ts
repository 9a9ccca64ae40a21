import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_ENV } from "@/test/test-env";
import { getWriterKeys, verifyWriterMac, WRITER_MAC_TAG, writerMac, type TWriterMacInput } from "./writer-mac";

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);
const entry: TWriterMacInput = {
  kind: "care_team_change",
  rowId: "0192f3a4-5b6c-7d8e-9f00-112233445566",
  leafHash: Buffer.alloc(32, 0x5c),
  recordedAt: new Date("2026-12-03T06:00:00.123Z"),
};

/** The message layout spelled out byte by byte, independently of the module. */
function referenceMac(key: Buffer, input: TWriterMacInput): string {
  const parts = [
    Buffer.from(WRITER_MAC_TAG),
    Buffer.from(input.kind),
    Buffer.from(input.rowId),
    Buffer.from(input.leafHash),
    Buffer.from(BigInt(input.recordedAt.getTime()).toString(16).padStart(16, "0"), "hex"),
  ];
  const msg = Buffer.concat(parts.flatMap((p) => [Buffer.from(p.length.toString(16).padStart(8, "0"), "hex"), p]));
  return crypto.createHmac("sha256", key).update(msg).digest("hex");
}

describe("writerMac", () => {
  it("is HMAC-SHA-256 over the tag and the length-prefixed fields", () => {
    expect(writerMac(entry, { current: keyA }).toString("hex")).toBe(referenceMac(keyA, entry));
    expect(verifyWriterMac(entry, writerMac(entry, { current: keyA }), { current: keyA })).toBe(true);
  });

  it("uses HL_LEDGER_WRITER_KEY by default", () => {
    const key = Buffer.from(TEST_ENV.HL_LEDGER_WRITER_KEY, "base64");
    expect((getWriterKeys().current as crypto.KeyObject).export()).toEqual(key);
    expect(writerMac(entry).toString("hex")).toBe(referenceMac(key, entry));
  });

  it("refuses a MAC made under another key, a missing one and one of the wrong length", () => {
    const mac = writerMac(entry, { current: keyB });
    expect(verifyWriterMac(entry, mac, { current: keyA })).toBe(false);
    expect(verifyWriterMac(entry, null, { current: keyA })).toBe(false);
    expect(verifyWriterMac(entry, Buffer.alloc(0), { current: keyA })).toBe(false);
    expect(verifyWriterMac(entry, writerMac(entry, { current: keyA }).subarray(0, 31), { current: keyA })).toBe(false);
  });

  it("refuses the MAC once any field has changed", () => {
    const mac = writerMac(entry, { current: keyA });
    const changed: TWriterMacInput[] = [
      { ...entry, kind: "consent" },
      { ...entry, rowId: "0192f3a4-5b6c-7d8e-9f00-112233445567" },
      { ...entry, leafHash: Buffer.from(entry.leafHash).fill(0x5d, 31) },
      { ...entry, recordedAt: new Date(entry.recordedAt.getTime() + 1) },
    ];
    for (const c of changed) expect(verifyWriterMac(c, mac, { current: keyA })).toBe(false);
  });

  it("accepts the previous key during a rotation, and no longer once it is removed", () => {
    const old = writerMac(entry, { current: keyA });
    expect(verifyWriterMac(entry, old, { current: keyB, previous: keyA })).toBe(true);
    expect(verifyWriterMac(entry, writerMac(entry, { current: keyB }), { current: keyB, previous: keyA })).toBe(true);
    expect(verifyWriterMac(entry, old, { current: keyB })).toBe(false);
  });

  it("does not let bytes move from one field to the next (length prefixes)", () => {
    const a = writerMac({ ...entry, kind: "ab", rowId: "c" }, { current: keyA });
    const b = writerMac({ ...entry, kind: "a", rowId: "bc" }, { current: keyA });
    expect(a.equals(b)).toBe(false);
  });

  it("MACs row ids in the lower case PostgreSQL returns", () => {
    const upper = { ...entry, rowId: entry.rowId.toUpperCase() };
    expect(verifyWriterMac(upper, writerMac(entry, { current: keyA }), { current: keyA })).toBe(true);
  });

  it("refuses inputs it cannot encode instead of MACing them", () => {
    expect(() => writerMac({ ...entry, leafHash: Buffer.alloc(31) }, { current: keyA })).toThrow(/32 bytes/);
    expect(() => writerMac({ ...entry, recordedAt: new Date(Number.NaN) }, { current: keyA })).toThrow(/time/);
    expect(verifyWriterMac({ ...entry, leafHash: Buffer.alloc(31) }, Buffer.alloc(32), { current: keyA })).toBe(false);
  });
});
