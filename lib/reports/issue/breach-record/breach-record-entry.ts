// One case of the breach record as report.json holds it (version 1 of the format: changing a field
// breaks the comparison of old records): codes, dates and counts only. Pure.
import { computeClocks, FIXED_CLOCK_RULES } from "@/lib/monitor/cases/case-clocks";
import type { TDetermination } from "@/lib/monitor/cases/case-codes";
import { pastDueSeconds } from "./breach-record-rules";
import type { TBreachCase } from "./read-breach-cases";

/** The resource type an access reached ("Observation/…" → "Observation"), or "other". */
export const dataCategoryOf = (entity: string | null) => (entity ? entity.split(/[/?]/, 1)[0] || "other" : "other");

export type TBreachRecordEntry = ReturnType<typeof breachRecordEntry>;

export function breachRecordEntry(c: TBreachCase, asOf: Date) {
  const patients = new Set([...c.alertPatientIds, ...c.events.flatMap((e) => (e.patientId ? [e.patientId] : []))]);
  const records = new Set(c.events.flatMap((e) => (e.entity && e.entity.includes("/") ? [e.entity] : [])));
  const categories = new Map<string, number>();
  for (const e of c.events)
    categories.set(dataCategoryOf(e.entity), (categories.get(dataCategoryOf(e.entity)) ?? 0) + 1);
  const rules = new Map<
    string,
    { kind: string; ruleId: string; reasonCode: string; severity: string; alerts: number }
  >();
  for (const a of c.alerts) {
    const key = `${a.kind}\u0000${a.ruleId}\u0000${a.reasonCode}\u0000${a.severity}`;
    const r = rules.get(key) ?? { ...a, alerts: 0 };
    r.alerts += 1;
    rules.set(key, r);
  }
  // The two clocks the law fixes (GDPR 72 h, HIPAA 60 d), as of the issue; configured state clocks are not.
  const clocks = computeClocks(
    {
      discoveredAt: c.discoveredAt,
      determination: c.determination as TDetermination | null,
      notifiedAt: c.notifiedAt,
      now: asOf,
    },
    FIXED_CLOCK_RULES,
  ).map((k) => ({
    id: k.rule.id,
    citation: k.rule.citation,
    dueAt: k.dueAt.toISOString(),
    status: k.status,
    pastDueSeconds: pastDueSeconds({ status: k.status, dueAt: k.dueAt, notifiedAt: c.notifiedAt, asOf }),
  }));
  return {
    caseId: c.caseId,
    section: c.section,
    state: c.state,
    openedAt: c.openedAt.toISOString(),
    discoveredAt: c.discoveredAt.toISOString(),
    discoveredHow: c.discoveredHow,
    actorRole: c.actorRole,
    nature: {
      alerts: c.alerts.length,
      rules: [...rules.values()].sort((a, b) => b.alerts - a.alerts || a.ruleId.localeCompare(b.ruleId)),
    },
    concerned: {
      patients: patients.size,
      events: c.events.length,
      denied: c.events.filter((e) => e.outcome !== "0").length,
      records: records.size,
      dataCategories: [...categories]
        .map(([category, events]) => ({ category, events }))
        .sort((a, b) => b.events - a.events || a.category.localeCompare(b.category)),
      unsealedEvents: c.events.filter((e) => e.ledgerIndex === null).length,
    },
    assessment: c.assessment
      ? {
          assessedAt: c.assessment.assessedAt.toISOString(),
          levels: c.assessment.levels,
          exceptions: c.assessment.exceptions,
          conclusion: c.assessment.conclusion,
        }
      : null,
    determination: c.determination,
    determinedAt: c.determinedAt?.toISOString() ?? null,
    sanctionTier: c.sanctionTier,
    notifiedAt: c.notifiedAt?.toISOString() ?? null,
    clocks,
    transitions: c.transitions.map((t) => ({
      id: t.id,
      action: t.action,
      at: t.at.toISOString(),
      ledgerIndex: t.ledgerIndex,
    })),
  };
}

/** The ledger indexes one case cites: its transitions and the sealed events behind its alerts. */
export function citedIndexesOf(c: TBreachCase): number[] {
  return [
    ...c.transitions.map((t) => t.ledgerIndex),
    ...c.events.flatMap((e) => (e.ledgerIndex === null ? [] : [e.ledgerIndex])),
  ];
}
