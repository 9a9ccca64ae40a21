import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { OPEN_ALERT_STATUSES } from "./alerts/alert-status";
import { rollupConsumer } from "./rollups/rollup-consumer";

export type TOverview = {
  patients: number;
  erasedPatients: number;
  records: number;
  recordVersions: number;
  staff: number;
  /** Every access event the rollups have read (all sealed ones up to `asOf`). */
  events: number;
  eventsLast24h: number;
  eventsLast7d: number;
  /** Share of the last 24 h's events that were refused or failed, 0–1 (0 with no events). */
  deniedShare24h: number;
  breakGlass24h: number;
  failedSignIns24h: number;
  /** Distinct people who caused an event in the last 24 h (signed-out failures have none). */
  distinctUsers24h: number;
  /** Distinct patients whose data was reached since the start of the UTC day 6 days ago. */
  distinctPatients7d: number;
  /** Alerts new or under review (closed and escalated ones are no longer waiting). */
  openAlerts: number;
  openAlertsBySeverity: Record<string, number>;
  eventsPerDay: { day: string; allowed: number; denied: number }[];
  lastVerification: { startedAt: string; ok: boolean; treeSize: number; findingCount: number } | null;
  /** How current the event figures are: the rollups' watermark and the leaves sealed after it. */
  asOf: { updatedAt: string | null; leavesBehind: number };
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The compliance dashboard's headline figures. Event figures come from the rollup tables the
 * monitor keeps behind the ledger (lib/monitor/rollups), never from a count over AccessEvent,
 * so the page costs the same at ten million events as at ten. "Last 24 h" is the 24 UTC hours
 * up to and including the current one.
 */
export async function getOverview(prisma: PrismaClient, now = new Date()): Promise<TOverview> {
  const hourNow = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const since24h = new Date(hourNow - 23 * HOUR_MS);
  const since7d = new Date(hourNow - 7 * DAY_MS + HOUR_MS);
  const firstDay = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - 13 * DAY_MS);
  const firstDay7 = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - 6 * DAY_MS);
  const [
    patients,
    erasedPatients,
    records,
    recordVersions,
    staff,
    [totals],
    [users],
    [distinctPatients],
    perDay,
    alerts,
    lastRun,
    [lag],
  ] = await Promise.all([
    prisma.patient.count({ where: { erasedAt: null } }),
    prisma.patient.count({ where: { erasedAt: { not: null } } }),
    prisma.record.count(),
    prisma.recordVersion.count(),
    prisma.user.count({ where: { role: { not: "PATIENT" } } }),
    prisma.$queryRaw<{ all: bigint; d1: bigint; d7: bigint; denied1: bigint; btg1: bigint; failedSignIns1: bigint }[]>`
      SELECT coalesce(sum(events), 0) AS all,
             coalesce(sum(events) FILTER (WHERE hour >= ${since24h}), 0) AS d1,
             coalesce(sum(events) FILTER (WHERE hour >= ${since7d}), 0) AS d7,
             coalesce(sum(events) FILTER (WHERE hour >= ${since24h} AND outcome <> '0'), 0) AS denied1,
             coalesce(sum(events) FILTER (WHERE hour >= ${since24h} AND "purposeOfUse" = 'ETREAT'), 0) AS btg1,
             coalesce(sum(events) FILTER (WHERE hour >= ${since24h} AND type = '110114' AND outcome <> '0'), 0)
               AS "failedSignIns1"
      FROM "AccessHourlyRollup"`,
    prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(DISTINCT "actorId") AS n FROM "ActorHourlyRollup" WHERE hour >= ${since24h}`,
    prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(DISTINCT "patientId") AS n FROM "ActorPatientDailyRollup" WHERE day >= ${firstDay7.toISOString().slice(0, 10)}::date`,
    prisma.$queryRaw<{ day: Date; allowed: bigint; denied: bigint }[]>`
      SELECT date_trunc('day', hour AT TIME ZONE 'UTC') AS day,
             sum(events) FILTER (WHERE outcome = '0') AS allowed,
             sum(events) FILTER (WHERE outcome <> '0') AS denied
      FROM "AccessHourlyRollup" WHERE hour >= ${firstDay}
      GROUP BY 1 ORDER BY 1`,
    prisma.privacyAlert.groupBy({
      by: ["severity"],
      where: { status: { in: [...OPEN_ALERT_STATUSES] } },
      _count: true,
    }),
    prisma.verificationRun.findFirst({ orderBy: { startedAt: "desc" } }),
    prisma.$queryRaw<{ updatedAt: Date | null; behind: bigint }[]>`
      SELECT w."updatedAt",
             greatest(coalesce((SELECT "treeSize" FROM "LedgerBlock" ORDER BY height DESC LIMIT 1), 0)
                      - 1 - coalesce(w."ledgerIndex", -1), 0) AS behind
      FROM (SELECT 1) one LEFT JOIN "MonitorWatermark" w ON w.consumer = ${rollupConsumer.name}`,
  ]);
  // date_trunc of a timestamp without time zone comes back as a Date read as UTC by Prisma.
  const byDay = new Map(perDay.map((r) => [r.day.toISOString().slice(0, 10), r]));
  const eventsPerDay = Array.from({ length: 14 }, (_, i) => {
    const day = new Date(firstDay.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, allowed: Number(r?.allowed ?? 0), denied: Number(r?.denied ?? 0) };
  });
  const openAlertsBySeverity = Object.fromEntries(alerts.map((a) => [a.severity, a._count]));
  const d1 = Number(totals.d1);
  return {
    patients,
    erasedPatients,
    records,
    recordVersions,
    staff,
    events: Number(totals.all),
    eventsLast24h: d1,
    eventsLast7d: Number(totals.d7),
    deniedShare24h: d1 === 0 ? 0 : Number(totals.denied1) / d1,
    breakGlass24h: Number(totals.btg1),
    failedSignIns24h: Number(totals.failedSignIns1),
    distinctUsers24h: Number(users.n),
    distinctPatients7d: Number(distinctPatients.n),
    openAlerts: alerts.reduce((n, a) => n + a._count, 0),
    openAlertsBySeverity,
    eventsPerDay,
    lastVerification: lastRun && {
      startedAt: lastRun.startedAt.toISOString(),
      ok: lastRun.ok,
      treeSize: Number(lastRun.treeSize),
      findingCount: lastRun.findingCount,
    },
    asOf: { updatedAt: lag.updatedAt?.toISOString() ?? null, leavesBehind: Number(lag.behind) },
  };
}
