import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  children,
  decodeOid,
  derInteger,
  derOid,
  derSequence,
  derSetOf,
  DerError,
  parseDer,
  readDer,
  TAG,
} from "./der";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("DER", () => {
  it("encodes the X.690 examples: OIDs, integers, long lengths", () => {
    expect(hex(derOid("1.2.840.113549.1.7.2"))).toBe("06092a864886f70d010702");
    expect(hex(derOid("2.16.840.1.101.3.4.2.1"))).toBe("0609608648016503040201");
    expect(hex(derInteger(0))).toBe("020100");
    expect(hex(derInteger(128))).toBe("02020080");
    expect(hex(derSequence(new Uint8Array(200))).slice(0, 6)).toBe("3081c8");
  });

  it("reads back what it writes, OIDs included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 39 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (a, b, rest) => {
          const oid = [a, b, ...rest].join(".");
          expect(decodeOid(parseDer(derOid(oid)))).toBe(oid);
        },
      ),
    );
  });

  it("orders SET OF elements by their encodings (X.690 §11.6)", () => {
    const set = parseDer(derSetOf(derInteger(300), derInteger(2), derInteger(1)));
    expect(set.tag).toBe(TAG.SET);
    expect(children(set).map((c) => hex(c.raw))).toEqual(["020101", "020102", "0202012c"]);
  });

  it("refuses truncated input, non-minimal lengths, indefinite lengths and trailing bytes", () => {
    expect(() => readDer(Uint8Array.of(0x30, 0x05, 0x01))).toThrow(DerError);
    expect(() => readDer(Uint8Array.of(0x04, 0x81, 0x01, 0x00))).toThrow(/minimal/);
    expect(() => readDer(Uint8Array.of(0x30, 0x80, 0x00, 0x00))).toThrow(/indefinite/);
    expect(() => parseDer(Uint8Array.of(0x05, 0x00, 0x00))).toThrow(/trailing/);
  });
});
