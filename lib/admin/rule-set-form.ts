import type { TRuleSetConfig } from "@/lib/monitor/rules/rule-set";

/** One input of the rule-set form: `name` is "rule.field", e.g. "volume.minRobustZ". */
export type TRuleSetField = {
  rule: string;
  field: string;
  name: string;
  kind: "boolean" | "severity" | "integer" | "number";
  value: boolean | string | number;
};

const INTEGER_FIELDS = new Set([
  "graceDays",
  "dormantDays",
  "maxOwnCount",
  "maxDepartmentCount",
  "minDistinctPatients",
  "minBaselineDays",
  "minDenials",
  "windowMinutes",
  "minPatients",
  "windowSeconds",
]);

/** The form's inputs for a configuration, in the configuration's own order. */
export function ruleSetFields(config: TRuleSetConfig): TRuleSetField[] {
  return Object.entries(config).flatMap(([rule, settings]) =>
    Object.entries(settings as Record<string, boolean | string | number>).map(([field, value]) => ({
      rule,
      field,
      name: `${rule}.${field}`,
      kind:
        typeof value === "boolean"
          ? "boolean"
          : typeof value === "string"
            ? "severity"
            : INTEGER_FIELDS.has(field)
              ? "integer"
              : "number",
      value,
    })),
  );
}

/**
 * The configuration a submitted form describes, shaped after `shape` (the rule set in force):
 * a checkbox is true when present, a number is parsed (an empty or non-numeric field becomes
 * NaN, which ZRuleSetConfig refuses with the field's path), a severity is kept as typed. Fields
 * the shape does not have are ignored, so a forged field cannot add a key; the result is
 * validated by the caller (buildRuleSet), never trusted.
 */
export function ruleSetFromForm(form: { get(name: string): unknown }, shape: TRuleSetConfig): Record<string, unknown> {
  const config: Record<string, Record<string, unknown>> = {};
  for (const f of ruleSetFields(shape)) {
    const raw = form.get(f.name);
    const text = typeof raw === "string" ? raw.trim() : "";
    config[f.rule] ??= {};
    config[f.rule][f.field] =
      f.kind === "boolean" ? raw !== null : f.kind === "severity" ? text : text === "" ? Number.NaN : Number(text);
  }
  return config;
}

/** "self-access" from "selfAccess": the rule id a configuration key configures. */
export function ruleIdOf(configKey: string): string {
  return configKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
