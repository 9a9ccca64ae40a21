// The rules in the order they run. Each lives in its own file with its doc line in rule-docs.ts.
import { coWorkerRule } from "./co-worker";
import { contactNameRule } from "./contact-name";
import { deceasedRule } from "./deceased";
import { departmentMismatchRule } from "./department-mismatch";
import type { TRule, TRuleContext } from "./rule-context";
import { sameAddressRule } from "./same-address";
import { sameLastNameRule } from "./same-last-name";
import { selfAccessRule } from "./self-access";
import type { TFinding } from "./types";
import { vipRule } from "./vip";

export const RULES: readonly TRule[] = [
  selfAccessRule,
  sameLastNameRule,
  sameAddressRule,
  contactNameRule,
  coWorkerRule,
  vipRule,
  deceasedRule,
  departmentMismatchRule,
];

/** Rules that build on the findings of RULES in the same batch. */
export type TFollowUpRule = { id: string; evaluate: (ctx: TRuleContext, findings: readonly TFinding[]) => TFinding[] };
export const FOLLOW_UP_RULES: readonly TFollowUpRule[] = [];
