// Most relationship rules look at one open at a time: a member of staff, a patient and a fact
// linking them. This builds such a rule from the test on one open (new events only).
import { finding, isStaffOpen, type TRule, type TRuleContext, type TStaffOpen } from "./rule-context";
import type { TRuleId } from "./rule-docs";
import type { TRuleKey, TRuleSetConfig } from "./rule-set";
import type { TFinding, TPatientFacts, TUserFacts } from "./types";

export type TOpenHit = { reasonCode: string; details?: TFinding["details"] } | null;

export type TOpenTest = (o: {
  event: TStaffOpen;
  actor: TUserFacts;
  patient: TPatientFacts;
  ctx: TRuleContext;
}) => TOpenHit;

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
      for (const event of ctx.fresh) {
        if (!isStaffOpen(event)) continue;
        const actor = ctx.facts.users.get(event.actorId);
        const patient = ctx.facts.patients.get(event.patientId);
        if (!actor || !patient) continue;
        const hit = test({ event, actor, patient, ctx });
        if (hit) {
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
