import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { DEFAULT_RULE_SET, DEFAULT_RULE_SET_CONFIG, buildRuleSet } from "@/lib/monitor/rules/rule-set";
import { RULE_DOCS } from "@/lib/monitor/rules/rule-docs";
import { ruleIdOf, ruleSetFields, ruleSetFromForm } from "./rule-set-form";

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
});
