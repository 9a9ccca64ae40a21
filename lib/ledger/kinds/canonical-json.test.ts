import fc from "fast-check";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

const scalar = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(-0),
);
const json = fc.jsonValue();

describe("canonicalJson", () => {
  it("equals canonicalize on flat and nested objects, or throws where it throws", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), fc.oneof(scalar, json)), (obj) => {
        let expected: string | undefined;
        try {
          expected = canonicalize(obj);
        } catch {
          expect(() => canonicalJson(obj)).toThrow();
          return;
        }
        expect(canonicalJson(obj)).toBe(expected);
      }),
      { numRuns: 3_000 },
    );
  });

  it("matches the RFC 8785 examples it can express", () => {
    expect(canonicalJson({ b: 1e21, a: '\u20ac$\u000f\nA\'B"\\\\"/', c: true, d: null })).toBe(
      '{"a":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","b":1e+21,"c":true,"d":null}',
    );
    expect(canonicalJson({ "\u20ac": 1, "\r": 2, "1": 3, "\ud83d\ude00": 4, "\u00f6": 5 })).toBe(
      '{"\\r":2,"1":3,"ö":5,"€":1,"😀":4}',
    );
    expect(() => canonicalJson({ a: "\ud800" })).toThrow(/surrogate/i);
  });
});
