import { Prisma } from "@/lib/generated/prisma/client";
import type { TWhoLookedKey } from "./shape-who-looked";

// The two reads behind "who looked at this record". The people come from the daily actor ×
// patient rollup by its (patientId, day) index — a patient's whole history is a few hundred rows
// even at millions of events — and the detail from AccessEvent by its (patientId, recorded, id)
// index, for the page's people only and each within their first and last access of the period.

export type TWhoLookedRange = { patientId: string; fromDay: string | null; toDay: string | null };

function rangeWhere(r: TWhoLookedRange): Prisma.Sql {
  const and = [Prisma.sql`r."patientId" = ${r.patientId}::uuid`];
  if (r.fromDay) and.push(Prisma.sql`r.day >= ${r.fromDay}::date`);
  if (r.toDay) and.push(Prisma.sql`r.day <= ${r.toDay}::date`);
  return Prisma.join(and, " AND ");
}

const groups = (r: TWhoLookedRange) => Prisma.sql`
  SELECT r."actorId", sum(r.events)::int AS times, sum(r.denied)::int AS denied,
         min(r."firstAt") AS "firstAt", max(r."lastAt") AS "lastAt", count(*)::int AS days
  FROM "ActorPatientDailyRollup" r WHERE ${rangeWhere(r)} GROUP BY r."actorId"`;

/** One page of people, newest last access first (oldest first when reading backward). */
export function whoLookedPageSql(
  r: TWhoLookedRange,
  o: { after: TWhoLookedKey | null; backwards: boolean; take: number },
): Prisma.Sql {
  const dir = o.backwards ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const key = o.after && Prisma.sql`(${o.after.lastAt.toISOString()}::timestamptz, ${o.after.actorId}::uuid)`;
  const where = key
    ? o.backwards
      ? Prisma.sql`WHERE (g."lastAt", g."actorId") > ${key}`
      : Prisma.sql`WHERE (g."lastAt", g."actorId") < ${key}`
    : Prisma.empty;
  return Prisma.sql`
    WITH g AS (${groups(r)})
    SELECT g.*, u."displayName" AS name, u.role::text AS role, u.department
    FROM g LEFT JOIN "User" u ON u.id = g."actorId"
    ${where}
    ORDER BY g."lastAt" ${dir}, g."actorId" ${dir}
    LIMIT ${o.take}`;
}

/** How many people, and how many accesses, over the whole period (not only the page). */
export function whoLookedTotalsSql(r: TWhoLookedRange): Prisma.Sql {
  return Prisma.sql`
    WITH g AS (${groups(r)})
    SELECT count(*)::int AS people, coalesce(sum(times), 0)::int AS times FROM g`;
}

/**
 * What each of the page's people did: actions, subtypes, purposes, outcomes, break-glass.
 * "recorded" is a UTC timestamp and the rollup's bounds are timestamptz: compared in UTC.
 */
export function whoLookedDetailSql(
  patientId: string,
  people: readonly { actorId: string; firstAt: Date; lastAt: Date }[],
): Prisma.Sql {
  return Prisma.sql`
    SELECT e."actorId",
           array_agg(DISTINCT e.action) AS actions,
           array_agg(DISTINCT e.subtype) AS subtypes,
           coalesce(array_agg(DISTINCT e."purposeOfUse") FILTER (WHERE e."purposeOfUse" IS NOT NULL), '{}') AS purposes,
           count(*) FILTER (WHERE e.outcome = '0')::int AS allowed,
           count(*) FILTER (WHERE e.outcome = '4')::int AS refused,
           count(*) FILTER (WHERE e.outcome = '8')::int AS failed,
           count(*) FILTER (WHERE e."purposeOfUse" = 'ETREAT')::int AS "breakGlass"
    FROM unnest(${people.map((p) => p.actorId)}::uuid[], ${people.map((p) => p.firstAt.toISOString())}::timestamptz[],
                ${people.map((p) => p.lastAt.toISOString())}::timestamptz[]) AS z(actor, first_at, last_at)
    JOIN "AccessEvent" e ON e."patientId" = ${patientId}::uuid AND e."actorId" = z.actor
     AND e.recorded >= (z.first_at AT TIME ZONE 'UTC') AND e.recorded <= (z.last_at AT TIME ZONE 'UTC')
    GROUP BY e."actorId"`;
}
