import { describe, expect, it } from "vitest";
import { blindIndex, normalizeForIndex } from "./blind-index";

describe("blind indexes", () => {
  it("match across case, accents, spacing and punctuation", () => {
    expect(blindIndex("lastName", "Müller-Lüdenscheidt")).toBe(blindIndex("lastName", "  muller lUdenscheidt "));
    expect(blindIndex("mrn", "MRN-100 0001")).toBe(blindIndex("mrn", "mrn1000001"));
    expect(normalizeForIndex("address", "12 Elm St., Springfield")).toBe("12 elm st springfield");
  });

  it("separate fields and values, and reveal nothing of the value", () => {
    expect(blindIndex("lastName", "Smith")).not.toBe(blindIndex("address", "Smith"));
    expect(blindIndex("lastName", "Smith")).not.toBe(blindIndex("lastName", "Smyth"));
    expect(blindIndex("lastName", "Smith")).not.toMatch(/smith/i);
    expect(blindIndex("lastName", "Smith")).toHaveLength(43);
  });
});
