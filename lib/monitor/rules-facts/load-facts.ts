import "server-only";
import type {
  TAccountStatus,
  TBreakGlassWindow,
  TCareTeamMembership,
  TDepartmentFacts,
  TPatientFacts,
  TPeriod,
  TShift,
  TStaffRole,
  TUserFacts,
} from "../rules/types";
import { planLoad, tripQuery, type TPlannedLoad } from "@/lib/db/one-trip";
import { pgTimestamp } from "./sql-time";

// The facts of the actors and patients of one batch, a fixed number of set-based queries
// whatever the batch's size (each `= ANY($1)` reads an index), planned so that the step sends them
// in one round trip with the baselines (lib/db/one-trip.ts). Only ids, codes, dates and keyed
// blind indexes are read: nothing here needs, or could use, a patient's data key.

type TUserRow = {
  id: string;
  role: TStaffRole;
  department: string | null;
  lastNameIndex: string | null;
  addressIndex: string | null;
  employeePatientId: string | null;
};

/**
 * The actors' facts, with each one's last active hour before `lookbackStart` (ActorHourlyRollup's
 * key, one probe per actor), for the dormant-account test.
 */
export function planUserFacts(o: {
  actorIds: readonly string[];
  lookbackStart: Date;
}): TPlannedLoad<Map<string, TUserFacts>> {
  return planLoad(
    [
      tripQuery<TUserRow>(
        `SELECT id, role, department, "lastNameIndex", "addressIndex", "employeePatientId"
         FROM "User" WHERE id = ANY($1::uuid[])`,
        [o.actorIds],
      ),
      tripQuery<{ userId: string; status: TAccountStatus; createdAt: Date }>(
        `SELECT "userId", status, "createdAt" FROM "AccountStatusChange" WHERE "userId" = ANY($1::uuid[])`,
        [o.actorIds],
      ),
      tripQuery<{ actorId: string; at: Date | null }>(
        `SELECT a.id AS "actorId",
                (SELECT max(r.hour) FROM "ActorHourlyRollup" r WHERE r."actorId" = a.id AND r.hour < date_trunc('hour', $2::timestamptz)) AS at
           FROM unnest($1::uuid[]) AS a(id)`,
        [o.actorIds, o.lookbackStart],
      ),
    ],
    ([users, changes, activity]) => {
      const lastActivity = new Map(activity.rows.flatMap((r) => (r.at ? [[r.actorId, r.at] as const] : [])));
      const history = new Map<string, { status: TAccountStatus; at: Date }[]>();
      for (const c of changes.rows)
        history.set(c.userId, [...(history.get(c.userId) ?? []), { status: c.status, at: c.createdAt }]);
      return new Map(
        users.rows.map((u) => [
          u.id,
          {
            id: u.id,
            role: u.role,
            department: u.department,
            lastNameIndex: u.lastNameIndex,
            addressIndex: u.addressIndex,
            ownPatientId: u.employeePatientId,
            statusHistory: history.get(u.id) ?? [],
            lastActivityBefore: lastActivity.get(u.id) ?? null,
          },
        ]),
      );
    },
  );
}

/** Care-team changes in time order → memberships [added, removed). */
function memberships(changes: readonly { userId: string; change: string; byId: string; createdAt: Date }[]) {
  const open = new Map<string, TCareTeamMembership>();
  const done: TCareTeamMembership[] = [];
  for (const c of changes) {
    const current = open.get(c.userId);
    if (c.change === "add" && !current)
      open.set(c.userId, { userId: c.userId, addedById: c.byId, from: c.createdAt, to: null });
    if (c.change === "remove" && current) {
      done.push({ ...current, to: c.createdAt });
      open.delete(c.userId);
    }
  }
  return [...done, ...open.values()];
}

export function planPatientFacts(o: { patientIds: readonly string[] }): TPlannedLoad<Map<string, TPatientFacts>> {
  const ids = o.patientIds;
  return planLoad(
    [
      tripQuery<{ id: string; lastNameIndex: string | null; addressIndex: string | null; deceasedAt: Date | null }>(
        `SELECT id, "lastNameIndex", "addressIndex", "deceasedAt" FROM "Patient" WHERE id = ANY($1::uuid[])`,
        [ids],
      ),
      tripQuery<{ patientId: string; kind: string; value: string }>(
        `SELECT "patientId", kind, value FROM "PatientIdentityIndex" WHERE "patientId" = ANY($1::uuid[])`,
        [ids],
      ),
      tripQuery<{ id: string; employeePatientId: string }>(
        `SELECT id, "employeePatientId" FROM "User" WHERE "employeePatientId" = ANY($1::uuid[])`,
        [ids],
      ),
      tripQuery<{ patientId: string; flag: string; activeFrom: Date; activeTo: Date | null }>(
        `SELECT "patientId", flag, "activeFrom", "activeTo" FROM "PatientFlag" WHERE "patientId" = ANY($1::uuid[])`,
        [ids],
      ),
      tripQuery<{
        patientId: string;
        userId: string;
        change: string;
        byId: string;
        createdAt: Date;
        department: string | null;
      }>(
        `SELECT c."patientId", c."userId", c.change, c."byId", c."createdAt", u.department
         FROM "CareTeamChange" c LEFT JOIN "User" u ON u.id = c."userId"
        WHERE c."patientId" = ANY($1::uuid[]) ORDER BY c."createdAt", c.id`,
        [ids],
      ),
    ],
    ([patients, indexes, staff, flags, team]) => {
      const group = <T extends { patientId: string }>(rows: readonly T[]) => {
        const m = new Map<string, T[]>();
        for (const r of rows) m.set(r.patientId, [...(m.get(r.patientId) ?? []), r]);
        return m;
      };
      const indexesOf = group(indexes.rows);
      const flagsOf = group(flags.rows);
      const teamOf = group(team.rows);
      const staffOf = new Map(staff.rows.map((s) => [s.employeePatientId, s.id]));
      return new Map(
        patients.rows.map((p) => {
          const own = indexesOf.get(p.id) ?? [];
          const patientFlags = flagsOf.get(p.id) ?? [];
          const changes = teamOf.get(p.id) ?? [];
          const vipPeriods: TPeriod[] = patientFlags
            .filter((f) => f.flag === "vip" || f.flag === "confidential")
            .map((f) => ({ from: f.activeFrom, to: f.activeTo }));
          const deceasedFlag = patientFlags.find((f) => f.flag === "deceased")?.activeFrom ?? null;
          const facts: TPatientFacts = {
            id: p.id,
            lastNameIndex: p.lastNameIndex,
            addressIndex: p.addressIndex,
            priorAddressIndexes: own.filter((i) => i.kind === "priorAddress").map((i) => i.value),
            contactNameIndexes: own.filter((i) => i.kind === "contactName").map((i) => i.value),
            staffUserId: staffOf.get(p.id) ?? null,
            vipPeriods,
            deceasedAt: p.deceasedAt ?? deceasedFlag,
            // The departments of everyone ever on the care team: who looks after this patient.
            departments: [
              ...new Set(changes.flatMap((c) => (c.change === "add" && c.department ? [c.department] : []))),
            ],
            careTeam: memberships(changes),
          };
          return [p.id, facts];
        }),
      );
    },
  );
}

export function planDepartments(): TPlannedLoad<Map<string, TDepartmentFacts>> {
  // The directory's departments: a few dozen rows.
  return planLoad(
    [
      tripQuery<{ name: string; timeZone: string; shifts: TShift[] }>(
        `SELECT name, "timeZone", shifts FROM "Department"`,
      ),
    ],
    ([{ rows }]) => new Map(rows.map((d) => [d.name, { name: d.name, timeZone: d.timeZone, shifts: d.shifts }])),
  );
}

/**
 * Break-glass windows that overlap [from, to] (the events looked at) or end in it (checked for
 * clinical writes): of any actor, so a window that ended quietly is checked even when its actor
 * has no event in the batch.
 */
export function planBreakGlassWindows(o: { from: Date; to: Date }): TPlannedLoad<TBreakGlassWindow[]> {
  return planLoad(
    [
      tripQuery<TBreakGlassWindow>(
        `SELECT id, "userId" AS "actorId", "patientId", "startedAt", "expiresAt" FROM "BreakGlass"
          WHERE "expiresAt" >= $1::timestamp AND "startedAt" <= $2::timestamp`,
        [pgTimestamp(o.from), pgTimestamp(o.to)],
      ),
    ],
    ([{ rows }]) => rows,
  );
}
