import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LedgerPool } from "@/lib/ledger/ledger-pool";
import { awaitSealed } from "@/lib/ledger/seal/await-sealed";
import type { TAssessmentCodes } from "@/lib/monitor/cases/breach-assessment";
import { breachSectionOf, type TBreachSection } from "./breach-record-rules";

/** Cases discovered in one period a breach record may read; a privacy office has tens a year, not thousands. */
export const BREACH_RECORD_MAX_CASES = 2_000;

/**
 * One case as the breach record sees it: ids, codes, dates and counts. Never the alerts' summaries,
 * the notes, the assessment's rationales or anyone's name (docs/reports-api.md, Art. 33 record).
 */
export type TBreachCase = {
  caseId: string;
  section: TBreachSection;
  state: string;
  openedAt: Date;
  discoveredAt: Date;
  discoveredHow: string;
  /** The staff member's role (a code), never their name or account. */
  actorRole: string | null;
  alerts: { kind: string; ruleId: string; reasonCode: string; severity: string }[];
  assessment: (TAssessmentCodes & { assessedAt: Date }) | null;
  determination: string | null;
  determinedAt: Date | null;
  sanctionTier: number | null;
  notifiedAt: Date | null;
  transitions: { id: string; action: string; at: Date; ledgerIndex: number }[];
  events: {
    id: string;
    patientId: string | null;
    entity: string | null;
    outcome: string;
    ledgerIndex: number | null;
  }[];
  /** Patients the alerts name, with or without an event (a break-glass declaration names one). */
  alertPatientIds: string[];
};

/**
 * The cases discovered in [from, to) that the record lists (breachSectionOf), oldest discovery
 * first, each with its alerts' codes, the events behind them (with the ledger index of each one
 * already sealed) and every transition with its ledger index. A transition written moments ago is
 * awaited until sealed, so the record never cites a case's history short of its last step.
 */
export async function readBreachCases(
  prisma: PrismaClient,
  pool: LedgerPool,
  q: { from: Date; to: Date },
): Promise<{ cases: TBreachCase[]; tooMany: boolean }> {
  const all = await prisma.privacyCase.findMany({
    where: { discoveredAt: { gte: q.from, lt: q.to } },
    orderBy: [{ discoveredAt: "asc" }, { id: "asc" }],
    take: BREACH_RECORD_MAX_CASES + 1,
  });
  if (all.length > BREACH_RECORD_MAX_CASES) return { cases: [], tooMany: true };
  const steps = await prisma.privacyCaseTransition.findMany({
    where: { caseId: { in: all.map((c) => c.id) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, caseId: true, action: true, createdAt: true, assessment: true },
  });
  const stepsOf = groupBy(steps, (s) => s.caseId);
  const chosen = all.flatMap((c) => {
    const mine = stepsOf.get(c.id) ?? [];
    const assess = mine.findLast((s) => s.action === "assess");
    const codes = (assess?.assessment as TAssessmentCodes | null | undefined) ?? null;
    const section = breachSectionOf({
      state: c.state,
      determination: c.determination,
      conclusion: codes?.conclusion ?? null,
    });
    return section ? [{ c, section, mine, assess, codes }] : [];
  });
  const ids = chosen.map((x) => x.c.id);
  const [alerts, actors] = await Promise.all([
    prisma.privacyAlert.findMany({
      where: { caseId: { in: ids } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        caseId: true,
        kind: true,
        ruleId: true,
        reasonCode: true,
        severity: true,
        patientId: true,
        eventIds: true,
      },
    }),
    prisma.user.findMany({
      where: { id: { in: [...new Set(chosen.map((x) => x.c.actorId))] } },
      select: { id: true, role: true },
    }),
  ]);
  const roleOf = new Map(actors.map((a) => [a.id, a.role as string]));
  const alertsOf = groupBy(alerts, (a) => a.caseId!);
  const events = await readEvents(prisma, [...new Set(alerts.flatMap((a) => a.eventIds))]);
  const transitionIndex = await sealedIndexes(
    prisma,
    pool,
    chosen.flatMap((x) => x.mine.map((s) => s.id)),
  );

  const cases = chosen.map(({ c, section, mine, assess, codes }): TBreachCase => {
    const caseAlerts = alertsOf.get(c.id) ?? [];
    const eventIds = [...new Set(caseAlerts.flatMap((a) => a.eventIds))];
    return {
      caseId: c.id,
      section,
      state: c.state,
      openedAt: c.createdAt,
      discoveredAt: c.discoveredAt,
      discoveredHow: c.discoveredHow,
      actorRole: roleOf.get(c.actorId) ?? null,
      alerts: caseAlerts.map((a) => ({
        kind: a.kind,
        ruleId: a.ruleId,
        reasonCode: a.reasonCode,
        severity: a.severity,
      })),
      assessment: codes && assess ? { ...codes, assessedAt: assess.createdAt } : null,
      determination: c.determination,
      determinedAt: c.determination ? (mine.findLast((s) => s.action === "determine")?.createdAt ?? null) : null,
      sanctionTier: c.sanctionTier,
      notifiedAt: c.notifiedAt,
      transitions: mine.map((s) => ({
        id: s.id,
        action: s.action,
        at: s.createdAt,
        ledgerIndex: transitionIndex.get(s.id)!,
      })),
      events: eventIds.flatMap((id) => events.get(id) ?? []),
      alertPatientIds: [...new Set(caseAlerts.map((a) => a.patientId).filter((p): p is string => p !== null))],
    };
  });
  return { cases, tooMany: false };
}

/** The access events behind the alerts, each with its ledger index once sealed (one statement for any count). */
async function readEvents(prisma: PrismaClient, ids: string[]) {
  if (ids.length === 0) return new Map<string, TBreachCase["events"][number]>();
  const rows = await prisma.$queryRaw<
    { id: string; patientId: string | null; entity: string | null; outcome: string; ledgerIndex: bigint | null }[]
  >`
    SELECT e.id::text AS id, e."patientId"::text AS "patientId", e."entityWhat" AS entity, e.outcome,
           l.index AS "ledgerIndex"
      FROM "AccessEvent" e
      LEFT JOIN "LedgerEntry" l ON l."rowId" = e.id AND l.kind = 'access_event'
     WHERE e.id = ANY(${ids}::uuid[])
     ORDER BY e.recorded, e.id`;
  return new Map(
    rows.map((r) => [r.id, { ...r, ledgerIndex: r.ledgerIndex === null ? null : Number(r.ledgerIndex) }] as const),
  );
}

/** Each case transition's ledger index; one not sealed yet is awaited (queue order: the rest follow). */
async function sealedIndexes(prisma: PrismaClient, pool: LedgerPool, ids: string[]) {
  const sealed = await prisma.ledgerEntry.findMany({
    where: { kind: "case_transition", rowId: { in: ids } },
    select: { rowId: true, index: true },
  });
  const indexOf = new Map(sealed.map((s) => [s.rowId, Number(s.index)]));
  for (const id of ids.filter((i) => !indexOf.has(i))) {
    const receipt = await awaitSealed({ pool, kind: "case_transition", rowId: id, timeoutMs: 15_000 });
    indexOf.set(id, receipt.index);
  }
  return indexOf;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const list = m.get(key(i));
    if (list) list.push(i);
    else m.set(key(i), [i]);
  }
  return m;
}
