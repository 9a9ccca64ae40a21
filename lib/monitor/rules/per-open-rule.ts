// Most relationship rules look at one open at a time: a member of staff, a patient and a fact
// linking them. This builds such a rule from the test on one open (new events only).
import { finding, type TResolvedOpen, type TRule } from "./rule-context";
import type { TRuleId } from "./rule-docs";
import type { TRuleKey, TRuleSetConfig } from "./rule-set";
import type { TFinding } from "./types";

export type TOpenHit = { reasonCode: string; details?: TFinding["details"] } | null;

export type TOpenTest = (o: TResolvedOpen) => TOpenHit;

type TConfigKey = {
  [K in TRuleKey]: TRuleSetConfig[K] extends { enabled: boolean } ? K : never;
}[TRuleKey];

export function perOpenRule(id: TRuleId, configKey: TConfigKey, test: TOpenTest): TRule {
  return {
    id,
    evaluate(ctx) {
      const { enabled, severity } = ctx.config[configKey];
      if (!enabled) return [];
      const out: TFinding[] = [];
      // The opens and their facts are resolved once for all eight rules of this kind.
      for (const open of ctx.freshOpens()) {
        const hit = test(open);
        if (hit) {
          const { event } = open;
          out.push(
            finding(ctx, {
              ruleId: id,
              severity,
              events: [event],
              actorId: event.actorId,
              patientId: event.patientId,
              ...hit,
            }),
          );
        }
      }
      return out;
    },
  };
}
