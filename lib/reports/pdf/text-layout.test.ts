import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitRuns, wrapText } from "./text-layout";

const width = (s: string) => [...s].length; // one unit per character

describe("splitRuns", () => {
  it("groups consecutive characters of one family", () => {
    const family = (cp: number) => (cp > 0x2e80 ? 1 : 0);
    expect(splitRuns("Ann 王秀英 Lee", family)).toEqual([
      { family: 0, text: "Ann " },
      { family: 1, text: "王秀英" },
      { family: 0, text: " Lee" },
    ]);
  });
});

describe("wrapText", () => {
  it("breaks between words, and between CJK characters that have no spaces", () => {
    expect(wrapText({ text: "the quick brown fox", maxWidth: 10, measure: width })).toEqual(["the quick", "brown fox"]);
    expect(wrapText({ text: "以下は期間中のすべてのアクセスです", maxWidth: 6, measure: width })).toEqual([
      "以下は期間中",
      "のすべてのア",
      "クセスです",
    ]);
    expect(wrapText({ text: "a\nb", maxWidth: 10, measure: width })).toEqual(["a", "b"]);
  });

  it("keeps every character and never exceeds the width (a too-long word is cut)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "bb", "ccccccccccccc", " ", "  ", "王", "Ω", "\n"), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (parts, maxWidth) => {
          const text = parts.join("");
          const lines = wrapText({ text, maxWidth, measure: width });
          for (const line of lines) expect(width(line)).toBeLessThanOrEqual(maxWidth);
          expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
        },
      ),
    );
  });
});
