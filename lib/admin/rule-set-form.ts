import { DEFAULT_OTHER_CLOCKS, type TClockRule } from "@/lib/monitor/cases/clock-rules";
import { ruleSettings } from "@/lib/monitor/rules/rule-keys";
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
  return ruleSettings(config).flatMap(([rule, settings]) =>
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
export function ruleSetFromForm(form: TForm, shape: TRuleSetConfig): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of ruleSetFields(shape)) {
    const raw = form.get(f.name);
    const text = typeof raw === "string" ? raw.trim() : "";
    const settings = (config[f.rule] ??= {}) as Record<string, unknown>;
    settings[f.field] =
      f.kind === "boolean" ? raw !== null : f.kind === "severity" ? text : text === "" ? Number.NaN : Number(text);
  }
  const clocks = form.get(CLOCKS_MARKER) !== null ? clocksFromForm(form) : shape.otherClocks;
  // The built-in clocks typed back unchanged stay implicit, so an untouched form changes no hash
  // and going back to them is going back to the built-in rule set.
  const implicit = JSON.stringify(clocks) === JSON.stringify(DEFAULT_OTHER_CLOCKS);
  if (clocks && !implicit) config.otherClocks = clocks;
  return config;
}

type TForm = { get(name: string): unknown };

/** Present when the form carries the case clocks (their rows may all be removed). */
export const CLOCKS_MARKER = "clocks";
/** Clock rows the form offers: every configured one and one blank row, at most this many. */
export const MAX_CLOCK_ROWS = 9;
export const CLOCK_FIELDS = ["id", "label", "citation", "unit", "amount", "timeZone"] as const;
export const clockFieldName = (row: number, field: (typeof CLOCK_FIELDS)[number] | "remove") => `clock.${row}.${field}`;

/**
 * The clocks the form's rows describe, in row order: a row ticked "remove" and a blank row are
 * left out; an amount that is not a number becomes NaN (refused by ZClockRule with its path).
 */
export function clocksFromForm(form: TForm): Record<keyof TClockRule, unknown>[] {
  const rows: Record<keyof TClockRule, unknown>[] = [];
  for (let i = 0; i < MAX_CLOCK_ROWS; i++) {
    if (form.get(clockFieldName(i, "remove")) !== null) continue;
    const text = (f: (typeof CLOCK_FIELDS)[number]) => {
      const v = form.get(clockFieldName(i, f));
      return typeof v === "string" ? v.trim() : "";
    };
    if (CLOCK_FIELDS.every((f) => f === "unit" || f === "timeZone" || text(f) === "")) continue;
    const amount = text("amount");
    rows.push({
      id: text("id"),
      label: text("label"),
      citation: text("citation"),
      unit: text("unit"),
      amount: amount === "" ? Number.NaN : Number(amount),
      timeZone: text("timeZone"),
    });
  }
  return rows;
}

/** "self-access" from "selfAccess": the rule id a configuration key configures. */
export function ruleIdOf(configKey: string): string {
  return configKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
