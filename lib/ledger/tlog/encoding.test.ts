import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  base64ToBytes,
  bytesEqual,
  bytesToBase64,
  readUint32BE,
  uint32ToBytes,
  utf8Decode,
  utf8ToBytes,
} from "./encoding";

describe("base64 (RFC 4648 §4)", () => {
  // RFC 4648 §10 test vectors.
  test.each([
    ["", ""],
    ["f", "Zg=="],
    ["fo", "Zm8="],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg=="],
    ["fooba", "Zm9vYmE="],
    ["foobar", "Zm9vYmFy"],
  ])("%j ↔ %s", (plain, encoded) => {
    expect(bytesToBase64(utf8ToBytes(plain))).toBe(encoded);
    expect(utf8Decode(base64ToBytes(encoded))).toBe(plain);
  });

  test.each(["Zg", "Zg=", "Zh==", "Zm9=", " Zg==", "Zg==\n", "Zm9v====", "Zm9v_-", "Zm 9v"])(
    "rejects non-canonical or non-standard %j",
    (text) => {
      expect(() => base64ToBytes(text)).toThrow(RangeError);
    },
  );

  test("round-trips arbitrary bytes, including inputs larger than one chunk", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
    );
    const big = new Uint8Array(100_003).map((_, i) => i * 7);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
  });
});

describe("byte helpers", () => {
  test("bytesEqual compares length and content", () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    expect(() => bytesEqual([1] as unknown as Uint8Array, new Uint8Array(1))).toThrow(TypeError);
  });

  test("uint32 big-endian round trip", () => {
    expect([...uint32ToBytes(0xc74f20a3)]).toEqual([0xc7, 0x4f, 0x20, 0xa3]);
    expect(readUint32BE(new Uint8Array([0, 0xc7, 0x4f, 0x20, 0xa3]), 1)).toBe(0xc74f20a3);
    expect(() => uint32ToBytes(2 ** 32)).toThrow(RangeError);
    expect(() => readUint32BE(new Uint8Array(3))).toThrow(RangeError);
  });

  test("utf8Decode rejects invalid UTF-8 instead of substituting U+FFFD", () => {
    expect(() => utf8Decode(new Uint8Array([0xff]))).toThrow();
    expect(utf8Decode(utf8ToBytes("\u2014 ok"))).toBe("\u2014 ok");
  });
});
