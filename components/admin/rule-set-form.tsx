"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { RULE_FIELD_LABELS, SEVERITIES } from "@/components/monitor/rule-field-labels";
import { ruleIdOf, ruleSetFields, type TRuleSetField } from "@/lib/admin/rule-set-form";
import { INITIAL_FORM_STATE, type TFormState } from "@/lib/http/form-state";
import { RULE_DOCS, type TRuleId } from "@/lib/monitor/rules/rule-docs";
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
          {Object.keys(config).map((rule) => {
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
      <FormMessage state={state} />
      <div>
        <button className="button" type="submit" disabled={pending}>
          Activate as a new version
        </button>
      </div>
    </form>
  );
}
