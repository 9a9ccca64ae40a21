import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { DEFAULT_RULE_SET, DEFAULT_RULE_SET_CONFIG, buildRuleSet } from "@/lib/monitor/rules/rule-set";
import { RULE_DOCS } from "@/lib/monitor/rules/rule-docs";
import { DEFAULT_OTHER_CLOCKS } from "@/lib/monitor/cases/case-clocks";
import { CLOCKS_MARKER, clockFieldName, ruleIdOf, ruleSetFields, ruleSetFromForm } from "./rule-set-form";

/** The form a browser would submit for `config`: unchecked boxes are absent. */
function formFor(config: typeof DEFAULT_RULE_SET_CONFIG): URLSearchParams {
  const form = new URLSearchParams();
  for (const f of ruleSetFields(config)) {
    if (f.kind === "boolean") {
      if (f.value) form.set(f.name, "on");
    } else form.set(f.name, String(f.value));
  }
  return form;
}

describe("rule-set form", () => {
  it("round-trips the defaults to the same hash", () => {
    const config = ruleSetFromForm(formFor(DEFAULT_RULE_SET_CONFIG), DEFAULT_RULE_SET_CONFIG);
    expect(buildRuleSet(config).hash).toBe(DEFAULT_RULE_SET.hash);
  });

  it("reads an unchecked box as off and a changed threshold as its number", () => {
    const form = formFor(DEFAULT_RULE_SET_CONFIG);
    form.delete("sameLastName.enabled");
    form.set("volume.minRobustZ", "4.25");
    const built = buildRuleSet(ruleSetFromForm(form, DEFAULT_RULE_SET_CONFIG));
    expect(built.config.sameLastName.enabled).toBe(false);
    expect(built.config.volume.minRobustZ).toBe(4.25);
    expect(built.hash).not.toBe(DEFAULT_RULE_SET.hash);
  });

  it("refuses an empty, fractional or out-of-range threshold and an unknown severity, naming the field", () => {
    for (const [name, value, path] of [
      ["rapidBrowsing.minPatients", "", "rapidBrowsing.minPatients"],
      ["repeatedDenials.windowMinutes", "2.5", "repeatedDenials.windowMinutes"],
      ["deceased.graceDays", "-1", "deceased.graceDays"],
      ["vip.severity", "urgent", "vip.severity"],
    ]) {
      const form = formFor(DEFAULT_RULE_SET_CONFIG);
      form.set(name, value);
      try {
        buildRuleSet(ruleSetFromForm(form, DEFAULT_RULE_SET_CONFIG));
        expect.unreachable(`${name}=${value} was accepted`);
      } catch (e) {
        expect(e).toBeInstanceOf(ZodError);
        expect((e as ZodError).issues.map((i) => i.path.join("."))).toContain(path);
      }
    }
  });

  it("ignores fields the rule set does not have", () => {
    const form = formFor(DEFAULT_RULE_SET_CONFIG);
    form.set("selfAccess.bypass", "on");
    form.set("__proto__.polluted", "yes");
    const config = ruleSetFromForm(form, DEFAULT_RULE_SET_CONFIG);
    expect(buildRuleSet(config).hash).toBe(DEFAULT_RULE_SET.hash);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("names every configured rule by a documented rule id", () => {
    for (const key of Object.keys(DEFAULT_RULE_SET_CONFIG)) expect(Object.keys(RULE_DOCS)).toContain(ruleIdOf(key));
  });

  describe("case clocks", () => {
    /** The form with the clocks section as the page renders it: one row per clock, then a blank row. */
    function withClocks(form: URLSearchParams, clocks = DEFAULT_OTHER_CLOCKS) {
      form.set(CLOCKS_MARKER, "1");
      clocks.forEach((c, i) => {
        for (const [k, v] of Object.entries(c)) form.set(clockFieldName(i, k as "id"), String(v));
      });
      form.set(clockFieldName(clocks.length, "unit"), "calendar_days");
      form.set(clockFieldName(clocks.length, "timeZone"), "UTC");
      return form;
    }

    it("round-trip the built-in clocks untouched to the same hash", () => {
      const config = ruleSetFromForm(withClocks(formFor(DEFAULT_RULE_SET_CONFIG)), DEFAULT_RULE_SET_CONFIG);
      expect(config).not.toHaveProperty("otherClocks");
      expect(buildRuleSet(config).hash).toBe(DEFAULT_RULE_SET.hash);
    });

    it("add a clock typed in the blank row, and remove one ticked for removal", () => {
      const form = withClocks(formFor(DEFAULT_RULE_SET_CONFIG));
      const row = DEFAULT_OTHER_CLOCKS.length;
      form.set(clockFieldName(row, "id"), "wa_rcw_19_255");
      form.set(clockFieldName(row, "label"), "Washington residents (30 days)");
      form.set(clockFieldName(row, "citation"), "RCW 19.255.010(8)");
      form.set(clockFieldName(row, "amount"), "30");
      form.set(clockFieldName(row, "timeZone"), "America/Los_Angeles");
      form.set(clockFieldName(0, "remove"), "on");
      const built = buildRuleSet(ruleSetFromForm(form, DEFAULT_RULE_SET_CONFIG));
      expect(built.config.otherClocks).toEqual([
        {
          id: "wa_rcw_19_255",
          label: "Washington residents (30 days)",
          citation: "RCW 19.255.010(8)",
          unit: "calendar_days",
          amount: 30,
          timeZone: "America/Los_Angeles",
        },
      ]);
    });

    it("keep the clocks in force when the form has no clocks section, and refuse a row with a bad amount by its path", () => {
      const shape = { ...DEFAULT_RULE_SET_CONFIG, otherClocks: [] };
      expect(ruleSetFromForm(formFor(shape), shape)).toHaveProperty("otherClocks", []);
      const form = withClocks(formFor(DEFAULT_RULE_SET_CONFIG));
      form.set(clockFieldName(0, "amount"), "fifteen");
      expect(() => buildRuleSet(ruleSetFromForm(form, DEFAULT_RULE_SET_CONFIG))).toThrow(
        expect.objectContaining({ issues: [expect.objectContaining({ path: ["otherClocks", 0, "amount"] })] }),
      );
    });
  });
});
