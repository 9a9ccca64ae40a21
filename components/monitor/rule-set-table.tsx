import { ruleIdOf, ruleSetFields } from "@/lib/admin/rule-set-form";
import { RULE_DOCS, type TRuleId } from "@/lib/monitor/rules/rule-docs";
import { ruleSettings } from "@/lib/monitor/rules/rule-keys";
import type { TRuleSetConfig } from "@/lib/monitor/rules/rule-set";
import { RULE_FIELD_LABELS } from "./rule-field-labels";

/** The rules in force, read-only: what each finds, whether it is on, its severity and thresholds. */
export function RuleSetTable({ config }: { config: TRuleSetConfig }) {
  const fields = ruleSetFields(config);
  return (
    <table aria-label="Rules in force">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Status</th>
          <th scope="col">Severity</th>
          <th scope="col">Thresholds</th>
        </tr>
      </thead>
      <tbody>
        {ruleSettings(config).map(([key, settings]) => {
          const id = ruleIdOf(key) as TRuleId;
          const thresholds = fields.filter((f) => f.rule === key && f.field !== "enabled" && f.field !== "severity");
          return (
            <tr key={key}>
              <th scope="row" className="rule-name">
                <code>{id}</code>
                <div className="muted">{RULE_DOCS[id]}</div>
              </th>
              <td>
                <span className={`badge ${settings.enabled ? "ok" : ""}`}>{settings.enabled ? "On" : "Off"}</span>
              </td>
              <td>{settings.severity}</td>
              <td>
                {thresholds.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="plain">
                    {thresholds.map((f) => (
                      <li key={f.name}>
                        {RULE_FIELD_LABELS[f.field] ?? f.field}: <strong>{String(f.value)}</strong>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
