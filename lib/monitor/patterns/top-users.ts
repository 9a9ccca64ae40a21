import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TTopUser = {
  userId: string;
  displayName: string | null;
  role: string | null;
  department: string | null;
  /** Distinct patients reached (allowed or denied) in the period. */
  patients: number;
  /** The same over the period of equal length just before. */
  previous: number;
};

const DAY_MS = 86_400_000;

/** The UTC days [from, to) of the last `days` days including today, and the `days` before them. */
export function periods(days: number, now: Date) {
  const to = Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  const from = to - days * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from), to: iso(to), previousFrom: iso(from - days * DAY_MS) };
}

/**
 * Staff by distinct patients whose data they reached or tried to reach in the last `days` UTC
 * days, with the same count for the period before, from the daily actor × patient rollup. A
 * user's patients are counted once over the whole period, not once per day.
 */
export async function topUsersByDistinctPatients(
  prisma: PrismaClient,
  opts: { days: number; limit: number; now?: Date },
): Promise<TTopUser[]> {
  const { from, to, previousFrom } = periods(opts.days, opts.now ?? new Date());
  return prisma.$queryRaw<TTopUser[]>`
    WITH current AS (
      SELECT "actorId", count(DISTINCT "patientId")::int AS patients FROM "ActorPatientDailyRollup"
      WHERE day >= ${from}::date AND day < ${to}::date GROUP BY "actorId"
    ), previous AS (
      SELECT "actorId", count(DISTINCT "patientId")::int AS patients FROM "ActorPatientDailyRollup"
      WHERE day >= ${previousFrom}::date AND day < ${from}::date AND "actorId" IN (SELECT "actorId" FROM current)
      GROUP BY "actorId"
    )
    SELECT c."actorId" AS "userId", u."displayName", u.role::text AS role, u.department,
           c.patients, coalesce(p.patients, 0) AS previous
    FROM current c
    LEFT JOIN previous p USING ("actorId")
    LEFT JOIN "User" u ON u.id = c."actorId"
    ORDER BY c.patients DESC, c."actorId"
    LIMIT ${opts.limit}`;
}
