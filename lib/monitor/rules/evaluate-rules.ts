// Runs every rule of a rule set over one batch and returns its findings, deduplicated on
// (rule, actor, patient, day): the evaluator stores them under that key, so a finding that an
// earlier batch already raised is absorbed there too.
import { buildRuleContext, type TRule } from "./rule-context";
import type { TRuleSet } from "./rule-set";
import type { TFinding, TMonitorBatch, TMonitorFacts, TSeverity } from "./types";
import { RULES, FOLLOW_UP_RULES } from "./rules";

const SEVERITY_RANK: Record<TSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function findingKey(f: Pick<TFinding, "ruleId" | "actorId" | "patientId" | "day">): string {
  return `${f.ruleId}\n${f.actorId}\n${f.patientId ?? ""}\n${f.day}`;
}

/** Merge findings with one key: the first one's reason and details, the highest severity, every event once. */
export function dedupeFindings(findings: readonly TFinding[]): TFinding[] {
  const merged = new Map<string, TFinding>();
  for (const f of findings) {
    const key = findingKey(f);
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, f);
      continue;
    }
    const eventIds = [...seen.eventIds];
    for (const id of f.eventIds) if (!eventIds.includes(id)) eventIds.push(id);
    const severity = SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity] ? f.severity : seen.severity;
    merged.set(key, { ...seen, severity, eventIds });
  }
  return [...merged.values()];
}

export type TEvaluation = { ruleSetHash: string; findings: TFinding[] };

/** All rules of the rule set over the batch; pure (no database, no keys, no clock). */
export function evaluateRules(batch: TMonitorBatch, facts: TMonitorFacts, ruleSet: TRuleSet): TEvaluation {
  const ctx = buildRuleContext(batch, facts, ruleSet.config);
  const run = (rules: readonly TRule[]) => rules.flatMap((rule) => rule.evaluate(ctx));
  const first = run(RULES);
  // Break-glass escalation looks at what the other rules found in the same batch.
  const followUps = FOLLOW_UP_RULES.flatMap((rule) => rule.evaluate(ctx, first));
  return { ruleSetHash: ruleSet.hash, findings: dedupeFindings([...first, ...followUps]) };
}
