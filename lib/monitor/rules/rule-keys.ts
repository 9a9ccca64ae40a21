// Which keys of a rule set configure a rule: plain code, no schema, so the admin form (a client
// component) can walk a configuration without bundling the validator.
import type { TRuleSetConfig } from "./rule-set";

/** The keys that configure a rule (every key but the case clocks). */
export type TRuleKey = Exclude<keyof TRuleSetConfig, "otherClocks">;

/** Each rule's settings, in the configuration's own order (the case clocks left out). */
export function ruleSettings(config: TRuleSetConfig): [TRuleKey, TRuleSetConfig[TRuleKey]][] {
  return (Object.entries(config) as [keyof TRuleSetConfig, unknown][]).filter(
    (entry): entry is [TRuleKey, TRuleSetConfig[TRuleKey]] => entry[0] !== "otherClocks",
  );
}
