import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_ENV } from "@/test/test-env";
import { blindIndex, normalizeForIndex, optionalBlindIndex } from "./blind-index";

/** The normalisation indexes were first written with (before non-Latin scripts counted), frozen. */
function firstNormalization(field: string, value: string): string {
  const folded = value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  if (field === "mrn") return folded.replace(/[^a-z0-9]/g, "").replace(/^(?=\d)/, "mrn");
  return folded.replace(/[^a-z0-9]+/g, " ").trim();
}

function hmac(key: string, message: string): string {
  return crypto.createHmac("sha256", Buffer.from(key, "base64")).update(message).digest("base64url");
}

describe("blind indexes", () => {
  it("match across case, accents, spacing and punctuation", () => {
    expect(blindIndex("lastName", "Müller-Lüdenscheidt")).toBe(blindIndex("lastName", "  muller lUdenscheidt "));
    expect(blindIndex("mrn", "MRN-100 0001")).toBe(blindIndex("mrn", "mrn1000001"));
    expect(normalizeForIndex("address", "12 Elm St., Springfield")).toBe("12 elm st springfield");
  });

  it("are HMAC-SHA-256 under the configured key of the field and the normalized value", () => {
    expect(blindIndex("lastName", "  SMITH ")).toBe(hmac(TEST_ENV.HL_BLIND_INDEX_KEY, "lastName\nsmith"));
    expect(blindIndex("mrn", "1000001")).toBe(hmac(TEST_ENV.HL_BLIND_INDEX_KEY, "mrn\nmrn1000001"));
    // Without the key the value cannot be tested: the same message under another key differs.
    expect(blindIndex("lastName", "Smith")).not.toBe(hmac(Buffer.alloc(32, 9).toString("base64"), "lastName\nsmith"));
    expect(blindIndex("lastName", "Smith")).not.toBe(blindIndex("address", "Smith"));
    expect(blindIndex("lastName", "Smith")).not.toBe(blindIndex("lastName", "Smyth"));
  });

  it("keep every index written before for ASCII and accented Latin names", () => {
    const latin = fc.constantFrom(..."abcxyzABCXYZ09 -'.,éÉüÜñçåøØőŁłßæÆİıÀǅﬁＭ１".split(""));
    const decomposable = fc.constantFrom(..."abcxyzABCXYZ09 -'.,éÉüÜñçåőÀＭ１".split(""));
    fc.assert(
      fc.property(fc.array(decomposable, { maxLength: 24 }), (chars) => {
        const value = chars.join("");
        for (const field of ["lastName", "address", "mrn"] as const)
          expect(normalizeForIndex(field, value)).toBe(firstNormalization(field, value));
      }),
    );
    // Letters with no ASCII decomposition were dropped before (Łukasz indexed as "ukasz"): now they count.
    expect(normalizeForIndex("lastName", "Łukasz")).toBe("łukasz");
    expect(normalizeForIndex("lastName", "Straße")).toBe("strasse");
    expect(normalizeForIndex("lastName", "Øster")).not.toBe(normalizeForIndex("lastName", "Ster"));
    fc.assert(fc.property(fc.array(latin, { maxLength: 24 }), (c) => void normalizeForIndex("lastName", c.join(""))));
  });

  it("tell non-Latin surnames apart, and match them across case and width", () => {
    const names = [
      "Иванов",
      "Петров",
      "Йонов",
      "Ионов",
      "Παπαδόπουλος",
      "Παπαδάκης",
      "王",
      "李",
      "山田",
      "田中",
      "कमला",
      "कमल",
    ];
    expect(new Set(names.map((n) => blindIndex("lastName", n))).size).toBe(names.length);
    expect(blindIndex("lastName", "ИВАНОВ")).toBe(blindIndex("lastName", "иванов"));
    expect(blindIndex("lastName", "ΠΑΠΑΔΟΠΟΥΛΟΣ")).toBe(blindIndex("lastName", "Παπαδόπουλος"));
    expect(blindIndex("lastName", "παπαδοπουλοσ")).toBe(blindIndex("lastName", "Παπαδόπουλος"));
    expect(blindIndex("lastName", "ﾔﾏﾀﾞ")).toBe(blindIndex("lastName", "ヤマダ"));
    expect(blindIndex("lastName", "王 小明")).not.toBe(blindIndex("lastName", "王"));
  });

  it("refuse a value without a letter or digit instead of matching every other such value", () => {
    for (const value of ["--", " - ", "'.,", "\u0301", ""]) {
      expect(normalizeForIndex("lastName", value), value).toBe("");
      expect(() => blindIndex("lastName", value)).toThrow(expect.objectContaining({ code: "unprocessable" }));
    }
    expect(() => blindIndex("mrn", "--")).toThrow(/MRN needs at least one letter or digit/);
    expect(optionalBlindIndex("lastName", "--")).toBeNull();
    expect(optionalBlindIndex("lastName", undefined)).toBeNull();
    expect(optionalBlindIndex("lastName", "Иванов")).toBe(blindIndex("lastName", "иванов"));
  });
});
