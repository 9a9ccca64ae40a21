import { defineLeafKind } from "./define-leaf-kind";

/** An activated version of the monitoring rule set (MonitorRuleSet); its hash covers every threshold. Changing this list breaks verification of old leaves: bump `version` instead. */
export const monitorRuleSetKind = defineLeafKind({
  kind: "monitor_rule_set",
  version: 1,
  table: "MonitorRuleSet",
  fields: ["id", "version", "hash", "activatedById", "createdAt"],
});
