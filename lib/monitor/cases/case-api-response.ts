import type { TClock } from "./case-clocks";
import type { TPrivacyCaseView } from "./get-privacy-case";
import type { TCaseQueueRow } from "./list-privacy-cases";

// The JSON the cases API answers (docs/privacy-cases.md, "JSON API"). Field names are stable: a
// ticketing system or SIEM parses them. Version 1; a breaking change gets a new version field.
// Codes, ids and dates only: notes and rationales (staff free text) never leave the app here.

const clockJson = (c: TClock) => ({
  id: c.rule.id,
  label: c.rule.label,
  citation: c.rule.citation,
  dueAt: c.dueAt.toISOString(),
  status: c.status,
});

export function caseListResponse(page: { cases: TCaseQueueRow[]; nextCursor: string | null }, url: URL) {
  const next = page.nextCursor ? new URL(url) : null;
  next?.searchParams.set("cursor", page.nextCursor!);
  return {
    version: 1 as const,
    cases: page.cases.map((c) => ({
      id: c.id,
      actorId: c.actorId,
      ownerId: c.ownerId,
      state: c.state,
      alerts: c.alerts,
      discoveredAt: c.discoveredAt.toISOString(),
      determination: c.determination,
      sanctionTier: c.sanctionTier,
      notifiedAt: c.notifiedAt?.toISOString() ?? null,
      updatedAt: c.updatedAt.toISOString(),
      nearestClock: c.nearest ? clockJson(c.nearest) : null,
      overdue: c.overdue,
    })),
    next: page.nextCursor,
    links: { self: `${url.pathname}${url.search}`, next: next ? `${next.pathname}${next.search}` : null },
  };
}

export function caseResponse(c: TPrivacyCaseView) {
  return {
    version: 1 as const,
    id: c.id,
    state: c.state,
    actorId: c.actor.id,
    ownerId: c.owner?.id ?? null,
    discoveredAt: c.discoveredAt.toISOString(),
    discoveredHow: c.discoveredHow,
    determination: c.determination,
    sanctionTier: c.sanctionTier,
    notifiedAt: c.notifiedAt?.toISOString() ?? null,
    openedAt: c.openedAt.toISOString(),
    assessment: c.assessment
      ? { levels: c.assessment.levels, exceptions: c.assessment.exceptions, conclusion: c.assessment.conclusion }
      : null,
    clocks: c.clocks.map(clockJson),
    alerts: c.alerts.map((a) => ({
      id: a.id,
      ruleId: a.ruleId,
      severity: a.severity,
      day: a.day,
      raisedAt: a.raisedAt.toISOString(),
    })),
    accesses: c.accesses.map((e) => ({ ...e, recorded: e.recorded.toISOString() })),
    accessesTruncated: c.accessesTruncated,
    history: c.history.map((s) => ({
      id: s.id,
      action: s.action,
      fromState: s.fromState,
      toState: s.toState,
      at: s.at.toISOString(),
      alertIds: s.alertIds,
      discoveredAt: s.discoveredAt?.toISOString() ?? null,
      discoveredHow: s.discoveredHow,
      determination: s.determination,
      sanctionTier: s.sanctionTier,
      notifiedAt: s.notifiedAt?.toISOString() ?? null,
      conclusion: s.conclusion,
    })),
  };
}
