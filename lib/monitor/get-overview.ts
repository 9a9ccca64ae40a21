import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TOverview = {
  patients: number;
  erasedPatients: number;
  records: number;
  recordVersions: number;
  staff: number;
  events: number;
  eventsLast24h: number;
  failedSignIns24h: number;
  openAlerts: number;
  eventsPerDay: { day: string; allowed: number; denied: number }[];
};

/** Headline figures for the compliance dashboard, straight from the database. */
export async function getOverview(prisma: PrismaClient, now = new Date()): Promise<TOverview> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const since = new Date(now.getTime() - 13 * 24 * 3600_000);
  since.setUTCHours(0, 0, 0, 0);
  const [
    patients,
    erasedPatients,
    records,
    recordVersions,
    staff,
    events,
    eventsLast24h,
    failedSignIns24h,
    openAlerts,
    perDay,
  ] = await Promise.all([
    prisma.patient.count({ where: { erasedAt: null } }),
    prisma.patient.count({ where: { erasedAt: { not: null } } }),
    prisma.record.count(),
    prisma.recordVersion.count(),
    prisma.user.count({ where: { role: { not: "PATIENT" } } }),
    prisma.accessEvent.count(),
    prisma.accessEvent.count({ where: { recorded: { gte: dayAgo } } }),
    prisma.accessEvent.count({ where: { recorded: { gte: dayAgo }, type: "110114", outcome: { not: "0" } } }),
    prisma.privacyAlert.count({ where: { acknowledgedAt: null } }),
    prisma.$queryRaw<{ day: Date; allowed: bigint; denied: bigint }[]>`
      SELECT date_trunc('day', recorded AT TIME ZONE 'UTC') AS day,
             count(*) FILTER (WHERE outcome = '0') AS allowed,
             count(*) FILTER (WHERE outcome <> '0') AS denied
      FROM "AccessEvent" WHERE recorded >= ${since}
      GROUP BY 1 ORDER BY 1`,
  ]);
  const byDay = new Map(perDay.map((r) => [r.day.toISOString().slice(0, 10), r]));
  const eventsPerDay = Array.from({ length: 14 }, (_, i) => {
    const day = new Date(since.getTime() + i * 24 * 3600_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, allowed: Number(r?.allowed ?? 0), denied: Number(r?.denied ?? 0) };
  });
  return {
    patients,
    erasedPatients,
    records,
    recordVersions,
    staff,
    events,
    eventsLast24h,
    failedSignIns24h,
    openAlerts,
    eventsPerDay,
  };
}
