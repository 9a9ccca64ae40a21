/** What each threshold of the rule set means, for the rule pages (lib/monitor/rules/rule-set.ts). */
export const RULE_FIELD_LABELS: Record<string, string> = {
  enabled: "On",
  severity: "Severity",
  graceDays: "Grace period after death (days)",
  dormantSeverity: "Severity when dormant",
  dormantDays: "Dormant after (days without activity)",
  maxOwnCount: "At most the actor's own events in that hour of the week",
  maxDepartmentCount: "At most the department's events in that hour of the week",
  minRobustZ: "Robust z-score at least",
  minDistinctPatients: "Distinct patients in a day at least",
  minBaselineDays: "Days of baseline needed",
  minDenials: "Denials at least",
  windowMinutes: "Within (minutes)",
  minPatients: "Distinct patients at least",
  peerRateMultiple: "Times the peers' break-glass rate",
  minPerDay: "Break-glass accesses per day at least",
  windowSeconds: "Within (seconds)",
};

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
