import "server-only";
import type { TBaselines, TStaffRole } from "../rules/types";
import { localTime } from "../rules/local-time";
import { planLoad, tripQuery, type TPlannedLoad } from "@/lib/db/one-trip";
import { DAY_MS, pgTimestamp, utcDay } from "./sql-time";

/**
 * Baselines are the BASELINE_DAYS whole UTC days before the day the batch's lookback starts, read
 * from the rollup tables only (never a count over AccessEvent). Fixed for a day, the per-group
 * parts (departments, peers, break-glass rates) are computed once per day and kept.
 */
export const BASELINE_DAYS = 28;

export type TActorZone = { actorId: string; role: TStaffRole | null; department: string | null; timeZone: string };

const groupKey = (role: string, department: string | null) => `${role}\n${department ?? ""}`;
const hourOfWeekSql = (col: string, zone: string) =>
  `((extract(isodow FROM ${col} AT TIME ZONE ${zone})::int - 1) * 24 + extract(hour FROM ${col} AT TIME ZONE ${zone})::int)`;

/** What is the same for every batch of one day: department hour-of-week counts, peers' days, break-glass rates. */
type TDayBaselines = {
  day: string;
  departmentHours: Map<string, Map<number, number>>;
  /** role\ndepartment → actor → distinct patients per active day. */
  peerDays: Map<string, Map<string, number[]>>;
  breakGlassCount: Map<string, number>;
  /** role\ndepartment → accounts in the group, and their break-glass declarations. */
  groups: Map<string, { size: number; breakGlass: number }>;
};

export type TBaselineCache = { current: TDayBaselines | null };
export const newBaselineCache = (): TBaselineCache => ({ current: null });

function planDayBaselines(o: { day: string; zones: ReadonlyMap<string, string> }): TPlannedLoad<TDayBaselines> {
  const start = new Date(Date.parse(o.day) - BASELINE_DAYS * DAY_MS);
  const end = new Date(Date.parse(o.day));
  const depts = [...o.zones.keys()];
  return planLoad(
    [
      tripQuery<{ department: string; how: number; events: number }>(
        `SELECT r.department, ${hourOfWeekSql("r.hour", "z.tz")} AS how, sum(r.events)::int AS events
         FROM "AccessHourlyRollup" r JOIN unnest($1::text[], $2::text[]) AS z(dept, tz) ON z.dept = r.department
        WHERE r.hour >= $3 AND r.hour < $4 GROUP BY 1, 2`,
        [depts, depts.map((d) => o.zones.get(d)!), start, end],
      ),
      tripQuery<{ role: string; department: string | null; actorId: string; patients: number }>(
        `SELECT u.role::text AS role, u.department, r."actorId", count(*)::int AS patients
         FROM "ActorPatientDailyRollup" r JOIN "User" u ON u.id = r."actorId"
        WHERE r.day >= $1::date AND r.day < $2::date GROUP BY 1, 2, 3, r.day`,
        [utcDay(start), o.day],
      ),
      tripQuery<{ userId: string; n: number }>(
        `SELECT "userId", count(*)::int AS n FROM "BreakGlass"
        WHERE "startedAt" >= $1::timestamp AND "startedAt" < $2::timestamp GROUP BY 1`,
        [pgTimestamp(start), pgTimestamp(end)],
      ),
      tripQuery<{ id: string; role: string; department: string | null }>(
        `SELECT id, role::text AS role, department FROM "User" WHERE role <> 'PATIENT'`,
      ),
    ],
    ([hours, peers, glass, groups]) => {
      const departmentHours = new Map<string, Map<number, number>>();
      for (const r of hours.rows) {
        const m = departmentHours.get(r.department) ?? new Map<number, number>();
        m.set(r.how, (m.get(r.how) ?? 0) + r.events);
        departmentHours.set(r.department, m);
      }
      const peerDays = new Map<string, Map<string, number[]>>();
      for (const r of peers.rows) {
        const key = groupKey(r.role, r.department);
        const g = peerDays.get(key) ?? new Map<string, number[]>();
        g.set(r.actorId, [...(g.get(r.actorId) ?? []), r.patients]);
        peerDays.set(key, g);
      }
      const breakGlassCount = new Map(glass.rows.map((r) => [r.userId, r.n]));
      const groupStats = new Map<string, { size: number; breakGlass: number }>();
      for (const u of groups.rows) {
        const key = groupKey(u.role, u.department);
        const g = groupStats.get(key) ?? { size: 0, breakGlass: 0 };
        g.size += 1;
        g.breakGlass += breakGlassCount.get(u.id) ?? 0;
        groupStats.set(key, g);
      }
      return { day: o.day, departmentHours, peerDays, breakGlassCount, groups: groupStats };
    },
  );
}

/**
 * The rules' baselines for the actors of one batch. `lookbackStart` is the earliest event the
 * batch looks at: the day's patients before it come from the daily pair rollup, everything else
 * from whole days before its UTC day.
 */
export function planBaselines(o: {
  actors: readonly TActorZone[];
  departmentZones: ReadonlyMap<string, string>;
  lookbackStart: Date;
  cache: TBaselineCache;
}): TPlannedLoad<TBaselines> {
  const day = utcDay(o.lookbackStart);
  // The day's shared part is read in the same round trip when the cache does not hold that day.
  const dayPlan = o.cache.current?.day === day ? null : planDayBaselines({ day, zones: o.departmentZones });
  const start = new Date(Date.parse(day) - BASELINE_DAYS * DAY_MS);
  const ids = o.actors.map((a) => a.actorId);
  const zoneOf = new Map(o.actors.map((a) => [a.actorId, a.timeZone]));
  const own = planLoad(
    [
      tripQuery<{ actorId: string; how: number; events: number }>(
        `SELECT r."actorId", ${hourOfWeekSql("r.hour", "z.tz")} AS how, sum(r.events)::int AS events
         FROM "ActorHourlyRollup" r JOIN unnest($1::uuid[], $2::text[]) AS z(actor, tz) ON z.actor = r."actorId"
        WHERE r.hour >= $3 AND r.hour < $4 GROUP BY 1, 2`,
        [ids, ids.map((id) => zoneOf.get(id)!), start, new Date(Date.parse(day))],
      ),
      tripQuery<{ actorId: string; day: string; patients: number }>(
        `SELECT "actorId", to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS patients
         FROM "ActorPatientDailyRollup" WHERE "actorId" = ANY($1::uuid[]) AND day >= $2::date AND day < $3::date
        GROUP BY 1, 2`,
        [ids, utcDay(start), day],
      ),
      // Pairs first met from the UTC day before the lookback's to the lookback's start: a local
      // day can start up to 14 hours on either side of its UTC day.
      tripQuery<{ actorId: string; patientId: string; firstAt: Date }>(
        `SELECT "actorId", "patientId", "firstAt" FROM "ActorPatientDailyRollup"
        WHERE "actorId" = ANY($1::uuid[]) AND day >= $2::date AND day <= $3::date AND "firstAt" < $4`,
        [ids, utcDay(new Date(Date.parse(day) - DAY_MS)), day, o.lookbackStart],
      ),
    ],
    (results) => results,
  );
  return {
    queries: [...(dayPlan?.queries ?? []), ...own.queries],
    build: (results) => {
      const dayCount = dayPlan?.queries.length ?? 0;
      if (dayPlan) o.cache.current = dayPlan.build(results.slice(0, dayCount));
      const [hours, days, earlier] = own.build(results.slice(dayCount));
      return actorBaselines({ shared: o.cache.current!, day, zoneOf, hours, days, earlier });
    },
  };
}

function actorBaselines({
  shared,
  day,
  zoneOf,
  hours,
  days,
  earlier,
}: {
  shared: TDayBaselines;
  day: string;
  zoneOf: ReadonlyMap<string, string>;
  hours: { rows: readonly { actorId: string; how: number; events: number }[] };
  days: { rows: readonly { actorId: string; day: string; patients: number }[] };
  earlier: { rows: readonly { actorId: string; patientId: string; firstAt: Date }[] };
}): TBaselines {
  const ownHours = new Map<string, Map<number, number>>();
  for (const r of hours.rows) {
    const m = ownHours.get(r.actorId) ?? new Map<number, number>();
    m.set(r.how, (m.get(r.how) ?? 0) + r.events);
    ownHours.set(r.actorId, m);
  }
  // Own days: every day from the actor's first active day in the period, zeros included.
  const ownDays = new Map<string, Map<string, number>>();
  for (const r of days.rows) ownDays.set(r.actorId, (ownDays.get(r.actorId) ?? new Map()).set(r.day, r.patients));
  const dailySeries = (actorId: string): number[] => {
    const m = ownDays.get(actorId);
    if (!m) return [];
    const first = [...m.keys()].sort()[0]!;
    const out: number[] = [];
    for (let t = Date.parse(first); t < Date.parse(day); t += DAY_MS) out.push(m.get(utcDay(new Date(t))) ?? 0);
    return out;
  };
  const before = new Map<string, Set<string>>();
  for (const r of earlier.rows) {
    const key = `${r.actorId}\n${localTime(zoneOf.get(r.actorId)!, r.firstAt).day}`;
    before.set(key, (before.get(key) ?? new Set()).add(r.patientId));
  }
  const perDay = (n: number) => n / BASELINE_DAYS;
  return {
    actorHourOfWeek: (actorId, how) => ownHours.get(actorId)?.get(how) ?? 0,
    departmentHourOfWeek: (department, how) => shared.departmentHours.get(department)?.get(how) ?? 0,
    actorDailyDistinctPatients: (actorId) => dailySeries(actorId),
    peerDailyDistinctPatients: (role, department, actorId) => {
      const group = shared.peerDays.get(groupKey(role, department));
      if (!group) return [];
      return [...group.entries()].flatMap(([id, series]) => (id === actorId ? [] : series));
    },
    dayPatientsBefore: (actorId, localDay) => before.get(`${actorId}\n${localDay}`) ?? new Set(),
    actorBreakGlassPerDay: (actorId) => perDay(shared.breakGlassCount.get(actorId) ?? 0),
    peerBreakGlassPerDay: (role, department, actorId) => {
      const g = shared.groups.get(groupKey(role, department));
      if (!g) return 0;
      const own = shared.breakGlassCount.get(actorId) ?? 0;
      const peers = g.size - 1;
      return peers > 0 ? perDay(g.breakGlass - own) / peers : 0;
    },
  };
}
