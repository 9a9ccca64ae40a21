"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { RULE_FIELD_LABELS, SEVERITIES } from "@/components/monitor/rule-field-labels";
import {
  CLOCKS_MARKER,
  clockFieldName,
  MAX_CLOCK_ROWS,
  ruleIdOf,
  ruleSetFields,
  type TRuleSetField,
} from "@/lib/admin/rule-set-form";
import { DEFAULT_OTHER_CLOCKS, FIXED_CLOCK_RULES, type TClockRule } from "@/lib/monitor/cases/clock-rules";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { RULE_DOCS, type TRuleId } from "@/lib/monitor/rules/rule-docs";
import { ruleSettings } from "@/lib/monitor/rules/rule-keys";
import type { TRuleSetConfig } from "@/lib/monitor/rules/rule-set";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

/** One input; after a refused submit it shows what was typed, not the rule set in force. */
function FieldInput({ f, typed }: { f: TRuleSetField; typed?: Record<string, string> }) {
  const label = `${ruleIdOf(f.rule)}: ${RULE_FIELD_LABELS[f.field] ?? f.field}`;
  if (f.kind === "boolean")
    return (
      <label className="check">
        <input
          type="checkbox"
          name={f.name}
          defaultChecked={typed ? typed[f.name] !== undefined : Boolean(f.value)}
          aria-label={label}
        />
        <span aria-hidden="true">On</span>
      </label>
    );
  if (f.kind === "severity") {
    const select = (
      <select name={f.name} defaultValue={typed?.[f.name] ?? String(f.value)} aria-label={label}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    );
    // The rule's own severity sits in its column; another severity (when dormant) is a threshold.
    return f.field === "severity" ? (
      select
    ) : (
      <label>
        {RULE_FIELD_LABELS[f.field] ?? f.field}
        {select}
      </label>
    );
  }
  return (
    <label>
      {RULE_FIELD_LABELS[f.field] ?? f.field}
      <input
        type="number"
        name={f.name}
        step={f.kind === "integer" ? 1 : "any"}
        defaultValue={typed?.[f.name] ?? String(f.value)}
        aria-label={label}
        required
      />
    </label>
  );
}

const UNIT_LABEL: Record<TClockRule["unit"], string> = {
  hours: "hours",
  calendar_days: "calendar days",
  business_days: "business days (weekdays)",
};

/**
 * The privacy cases' notification clocks: HIPAA's and GDPR's, fixed, then one editable row per
 * other clock and a blank row to add one. Part of the same version as the thresholds.
 */
function CaseClockRows({ clocks, typed }: { clocks: readonly TClockRule[]; typed?: Record<string, string> }) {
  const rows = [...clocks, null].slice(0, MAX_CLOCK_ROWS);
  const value = (i: number, field: keyof TClockRule, fallback: string) => typed?.[clockFieldName(i, field)] ?? fallback;
  return (
    <fieldset className="stack clock-fields">
      <legend>Notification clocks for privacy cases</legend>
      <input type="hidden" name={CLOCKS_MARKER} value="1" />
      <p className="muted">
        Every case runs these from its discovery. HIPAA&apos;s and GDPR&apos;s are fixed:{" "}
        {FIXED_CLOCK_RULES.map((c) => `${c.label} (${c.citation})`).join("; ")}. Add the others that bind this
        organisation (a state&apos;s, a contract&apos;s). Name and citation hold the law&apos;s name only, never a
        case&apos;s facts.
      </p>
      <table className="rule-form clock-form">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Name</th>
            <th scope="col">Citation</th>
            <th scope="col">Deadline</th>
            <th scope="col">Calendar&apos;s zone</th>
            <th scope="col">Remove</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => {
            const n = i + 1;
            const text = (field: "id" | "label" | "citation" | "timeZone", label: string, size: number) => (
              <input
                name={clockFieldName(i, field)}
                defaultValue={value(i, field, c ? String(c[field]) : field === "timeZone" ? "UTC" : "")}
                aria-label={`Clock ${n}: ${label}`}
                maxLength={field === "timeZone" ? 64 : 80}
                size={size}
              />
            );
            return (
              <tr key={i}>
                <td>{text("id", "id", 12)}</td>
                <td>{text("label", "name", 22)}</td>
                <td>{text("citation", "citation", 16)}</td>
                <td>
                  <div className="form-row">
                    <input
                      type="number"
                      name={clockFieldName(i, "amount")}
                      min={1}
                      step={1}
                      defaultValue={value(i, "amount", c ? String(c.amount) : "")}
                      aria-label={`Clock ${n}: amount`}
                    />
                    <select
                      name={clockFieldName(i, "unit")}
                      defaultValue={value(i, "unit", c?.unit ?? "calendar_days")}
                      aria-label={`Clock ${n}: unit`}
                    >
                      {Object.entries(UNIT_LABEL).map(([unit, label]) => (
                        <option key={unit} value={unit}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </div>
                </td>
                <td>{text("timeZone", "time zone", 14)}</td>
                <td>
                  {c ? (
                    <input
                      type="checkbox"
                      name={clockFieldName(i, "remove")}
                      defaultChecked={typed ? typed[clockFieldName(i, "remove")] !== undefined : false}
                      aria-label={`Clock ${n}: remove`}
                    />
                  ) : (
                    <span className="muted">new</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

/** Every threshold of the rule set in force, editable; submitting activates a new version. */
export function RuleSetForm({ action, config }: { action: TAction; config: TRuleSetConfig }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const typed = state.ok ? undefined : state.values;
  const fields = ruleSetFields(config);
  return (
    <form action={formAction} aria-label="Monitoring thresholds" className="stack" key={JSON.stringify(typed ?? null)}>
      <table className="rule-form">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">On</th>
            <th scope="col">Severity</th>
            <th scope="col">Thresholds</th>
          </tr>
        </thead>
        <tbody>
          {ruleSettings(config).map(([rule]) => {
            const own = fields.filter((f) => f.rule === rule);
            const id = ruleIdOf(rule) as TRuleId;
            return (
              <tr key={rule}>
                <th scope="row" className="rule-name">
                  <code>{id}</code>
                  <div className="muted">{RULE_DOCS[id]}</div>
                </th>
                {own
                  .filter((f) => f.field === "enabled" || f.field === "severity")
                  .map((f) => (
                    <td key={f.name}>
                      <FieldInput f={f} typed={typed} />
                    </td>
                  ))}
                <td>
                  <div className="form-row">
                    {own
                      .filter((f) => f.field !== "enabled" && f.field !== "severity")
                      .map((f) => (
                        <FieldInput key={f.name} f={f} typed={typed} />
                      ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <CaseClockRows clocks={config.otherClocks ?? DEFAULT_OTHER_CLOCKS} typed={typed} />
      <FormMessage state={state} />
      <div>
        <button className="button" type="submit" disabled={pending}>
          Activate as a new version
        </button>
      </div>
    </form>
  );
}
