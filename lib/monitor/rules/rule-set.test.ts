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

  describe("other case clocks", () => {
    const texas = {
      id: "tx_bcc_521_053",
      label: "Texas individuals (60 days)",
      citation: "Tex. Bus. & Com. Code § 521.053(b)",
      unit: "calendar_days",
      amount: 60,
      timeZone: "America/Chicago",
    } as const;
    const issues = (config: unknown) => {
      try {
        buildRuleSet(config);
        return [];
      } catch (e) {
        return (e as ZodError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      }
    };

    it("are absent from the built-in rule set, so every rule set hashed before them keeps its hash", () => {
      expect(DEFAULT_RULE_SET.config.otherClocks).toBeUndefined();
      expect(ruleSetHash({ ...DEFAULT_RULE_SET_CONFIG, otherClocks: undefined })).toBe(DEFAULT_RULE_SET.hash);
    });

    it("are part of the hash when configured, an empty list too", () => {
      const withTexas = buildRuleSet({ ...DEFAULT_RULE_SET_CONFIG, otherClocks: [texas] });
      const none = buildRuleSet({ ...DEFAULT_RULE_SET_CONFIG, otherClocks: [] });
      expect(new Set([withTexas.hash, none.hash, DEFAULT_RULE_SET.hash]).size).toBe(3);
    });

    it("refuse a clock that is not a law's name, a zone that does not exist, a taken id and silly amounts, naming each", () => {
      const problems = issues({
        ...DEFAULT_RULE_SET_CONFIG,
        otherClocks: [
          { ...texas, label: "Called Mrs <b>Smith</b>\nabout her HIV test" },
          { ...texas, id: "tx_two", timeZone: "Mars/Olympus_Mons" },
          { ...texas, id: "gdpr_art33" },
          { ...texas, id: "tx_bcc_521_053" },
          { ...texas, id: "days", amount: 400 },
          { ...texas, id: "zero", unit: "hours", amount: 0 },
        ],
      });
      expect(problems).toHaveLength(6);
      for (const pattern of [
        /^otherClocks\.0\.label: /,
        /^otherClocks\.1\.timeZone: must be an IANA time zone/,
        /^otherClocks\.2\.id: clock id "gdpr_art33" is already taken/,
        /^otherClocks\.4\.amount: a clock in days runs at most 365 days/,
        /^otherClocks\.5\.amount: /,
        /^otherClocks\.3\.id: clock id "tx_bcc_521_053" is already taken/,
      ])
        expect(problems).toContainEqual(expect.stringMatching(pattern));
    });
  });
});
