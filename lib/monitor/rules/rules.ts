// The rules in the order they run. Each lives in its own file with its doc line in rule-docs.ts.
import { accountStatusRule } from "./account-status";
import { afterHoursRule } from "./after-hours";
import { breakGlassEscalationRule } from "./break-glass-escalation";
import { bulkExportRule } from "./bulk-export";
import { careTeamAddThenOpenRule } from "./care-team-add-then-open";
import { coWorkerRule } from "./co-worker";
import { contactNameRule } from "./contact-name";
import { deceasedRule } from "./deceased";
import { departmentMismatchRule } from "./department-mismatch";
import type { TRule, TRuleContext } from "./rule-context";
import { rapidBrowsingRule } from "./rapid-browsing";
import { repeatedDenialsRule } from "./repeated-denials";
import { sameAddressRule } from "./same-address";
import { sameLastNameRule } from "./same-last-name";
import { selfAccessRule } from "./self-access";
import type { TFinding } from "./types";
import { vipRule } from "./vip";
import { volumeRule } from "./volume";

export const RULES: readonly TRule[] = [
  selfAccessRule,
  sameLastNameRule,
  sameAddressRule,
  contactNameRule,
  coWorkerRule,
  vipRule,
  deceasedRule,
  departmentMismatchRule,
  accountStatusRule,
  afterHoursRule,
  volumeRule,
  repeatedDenialsRule,
  rapidBrowsingRule,
  careTeamAddThenOpenRule,
  bulkExportRule,
];

/** Rules that build on the findings of RULES in the same batch. */
export type TFollowUpRule = { id: string; evaluate: (ctx: TRuleContext, findings: readonly TFinding[]) => TFinding[] };
export const FOLLOW_UP_RULES: readonly TFollowUpRule[] = [breakGlassEscalationRule];
