import { describe, expect, it } from "vitest";
import { againstUsual } from "./user-figures";

describe("againstUsual", () => {
  it.each([
    [5, 2, true, "2.5× usual"],
    [2, 2, true, "as usual"],
    [1, 2, true, "0.5× usual"],
    [40, 2, true, "20× usual"],
    [3, 0, true, "above a usual day of none"],
    [0, 0, true, "as usual (none)"],
    [3, 0, false, "no usual day yet"],
  ])("%d a day against %d (%s)", (perDay, usual, has, text) => {
    expect(againstUsual(perDay, usual, has)).toBe(text);
  });
});
