import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { USUAL_DAYS, userFigures, type TUserFigures } from "./user-figures";

const DAY_MS = 86_400_000;

/**
 * A staff member's figures from the rollups (never a count over AccessEvent): their own hourly
 * and actor × patient rows of the last 28 days and today, by the rollups' (actorId, …) indexes,
 * and their peers' days (same role and department, as the User table has them today).
 */
export async function readUserFigures(
  prisma: PrismaClient,
  o: { userId: string; role: string; department: string | null; now?: Date },
): Promise<TUserFigures> {
  const now = o.now ?? new Date();
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const since = new Date(today.getTime() - USUAL_DAYS * DAY_MS);
  const sinceDay = since.toISOString().slice(0, 10);
  const todayDay = today.toISOString().slice(0, 10);
  const [hourly, pairs, peers, [{ n: peerCount }]] = await Promise.all([
    prisma.$queryRaw<{ hour: Date; events: number; denied: number }[]>`
      SELECT hour, events, denied FROM "ActorHourlyRollup"
      WHERE "actorId" = ${o.userId}::uuid AND hour >= ${since}`,
    prisma.$queryRaw<{ day: string; patientId: string; lastAt: Date }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, "patientId", "lastAt" FROM "ActorPatientDailyRollup"
      WHERE "actorId" = ${o.userId}::uuid AND day >= ${sinceDay}::date`,
    // A peer's active day is a day with events; its distinct patients may be 0 (sign-ins, searches).
    prisma.$queryRaw<{ actorId: string; day: string; events: number; patients: number }[]>`
      WITH peers AS (
        SELECT id FROM "User" WHERE role = ${o.role}::"Role" AND department IS NOT DISTINCT FROM ${o.department}
                                AND id <> ${o.userId}::uuid
      ), days AS (
        SELECT h."actorId", to_char(h.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(h.events)::int AS events
        FROM "ActorHourlyRollup" h
        WHERE h."actorId" = ANY(ARRAY(SELECT id FROM peers)) AND h.hour >= ${since} AND h.hour < ${today}
        GROUP BY 1, 2
      ), patients AS (
        SELECT r."actorId", to_char(r.day, 'YYYY-MM-DD') AS day, count(*)::int AS patients
        FROM "ActorPatientDailyRollup" r
        WHERE r."actorId" = ANY(ARRAY(SELECT id FROM peers)) AND r.day >= ${sinceDay}::date AND r.day < ${todayDay}::date
        GROUP BY 1, 2
      )
      SELECT d."actorId", d.day, d.events, coalesce(p.patients, 0) AS patients
      FROM days d LEFT JOIN patients p USING ("actorId", day)`,
    prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "User"
      WHERE role = ${o.role}::"Role" AND department IS NOT DISTINCT FROM ${o.department} AND id <> ${o.userId}::uuid`,
  ]);
  return userFigures({ now, hourly, pairs, peerDays: peers, peerCount });
}
