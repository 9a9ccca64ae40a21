import { describe, expect, it } from "vitest";
import { parsePrefer, waitBudgetMs } from "./prefer";

const budget = (h: string | null) => waitBudgetMs(parsePrefer(h), { defaultMs: 10_000, maxMs: 60_000 });

describe("Prefer (RFC 7240)", () => {
  it.each([
    [null, 10_000],
    ["", 10_000],
    ["respond-async", 0],
    ["Respond-Async, wait=5", 0],
    ["wait=5", 5_000],
    ['wait="7"', 7_000],
    ["wait=0", 0],
    ["wait=3600", 60_000],
    ["wait=-1", 10_000],
    ["wait=soon", 10_000],
    ["wait=5, wait=9", 5_000],
    ["return=minimal; foo=bar, wait=2", 2_000],
    ["handling=strict", 10_000],
  ])("%j waits %i ms", (header, ms) => {
    expect(budget(header)).toBe(ms);
  });
});
