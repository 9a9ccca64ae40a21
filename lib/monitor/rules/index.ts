// The monitoring rules' public surface, for the evaluator and the rule settings page.
export * from "./types";
export { evaluateRules, dedupeFindings, findingKey, type TEvaluation } from "./evaluate-rules";
export {
  ZRuleSetConfig,
  DEFAULT_RULE_SET_CONFIG,
  DEFAULT_RULE_SET,
  buildRuleSet,
  ruleSetHash,
  lookbackMs,
  type TRuleSetConfig,
  type TRuleSet,
} from "./rule-set";
export { RULE_DOCS, type TRuleId } from "./rule-docs";
export { localTime, isKnownTimeZone, type TLocalTime } from "./local-time";
