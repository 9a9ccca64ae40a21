import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "./finding-codes";
import { parseStoredFindings } from "./verification-findings";

const at = { index: 7, table: "AccessEvent", rowId: "0190a5a4-0000-7000-8000-000000000000", blockHeight: 1 };

describe("stored findings", () => {
  it("reads findings of format 1, which have no code", () => {
    expect(parseStoredFindings([{ ...at, problem: "row content does not match" }])).toEqual([
      { ...at, code: undefined, problem: "row content does not match" },
    ]);
  });

  it("reads findings of format 2 with their code, and a code this build does not know as none", () => {
    expect(
      parseStoredFindings([
        { ...at, code: "leaf_mismatch", problem: "a" },
        { ...at, code: "from_the_future", problem: "b" },
      ]).map((f) => f.code),
    ).toEqual(["leaf_mismatch", undefined]);
  });

  it("refuses what is not a list of findings", () => {
    expect(() => parseStoredFindings({ findings: [] })).toThrow();
    expect(() => parseStoredFindings([{ ...at }])).toThrow();
  });

  it("documents every code in one line, and codes are snake_case", () => {
    for (const [code, doc] of Object.entries(FINDING_CODES)) {
      expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
      expect(doc).toMatch(/^[A-Z].*\.$/);
    }
  });
});
