import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { RULE_DOCS } from "./rule-docs";
import { DEFAULT_RULE_SET, DEFAULT_RULE_SET_CONFIG, buildRuleSet, lookbackMs, ruleSetHash } from "./rule-set";

describe("rule set", () => {
  it("is identified by a SHA-256 that any threshold changes", () => {
    expect(DEFAULT_RULE_SET.hash).toMatch(/^[0-9a-f]{64}$/);
    const changed = { ...DEFAULT_RULE_SET_CONFIG, deceased: { ...DEFAULT_RULE_SET_CONFIG.deceased, graceDays: 31 } };
    expect(ruleSetHash(changed)).not.toBe(DEFAULT_RULE_SET.hash);
  });

  it("hashes canonical JSON: key order does not matter", () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_RULE_SET_CONFIG).reverse());
    expect(buildRuleSet(reordered).hash).toBe(DEFAULT_RULE_SET.hash);
  });

  it("refuses unknown keys, missing rules and out-of-range thresholds", () => {
    expect(() => buildRuleSet({ ...DEFAULT_RULE_SET_CONFIG, extra: {} })).toThrow(ZodError);
    const missing: Record<string, unknown> = { ...DEFAULT_RULE_SET_CONFIG };
    delete missing.vip;
    expect(() => buildRuleSet(missing)).toThrow(ZodError);
    expect(() =>
      buildRuleSet({
        ...DEFAULT_RULE_SET_CONFIG,
        repeatedDenials: { ...DEFAULT_RULE_SET_CONFIG.repeatedDenials, minDenials: 0 },
      }),
    ).toThrow(ZodError);
  });

  it("documents every rule in one line", () => {
    for (const line of Object.values(RULE_DOCS)) expect(line).not.toContain("\n");
  });

  it("asks for at least a break-glass hour of lookback", () => {
    expect(lookbackMs(DEFAULT_RULE_SET_CONFIG)).toBeGreaterThanOrEqual(60 * 60_000);
  });
});
