import "server-only";
import type pg from "pg";
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
import { inTurn, pgTimestamp } from "./sql-time";

// The facts of the actors and patients of one batch, a fixed number of set-based queries
// whatever the batch's size (each `= ANY($1)` reads an index). Only ids, codes, dates and keyed
// blind indexes are read: nothing here needs, or could use, a patient's data key.

type TUserRow = {
  id: string;
  role: TStaffRole;
  department: string | null;
  lastNameIndex: string | null;
  addressIndex: string | null;
  employeePatientId: string | null;
};

export async function loadUserFacts(
  client: pg.ClientBase,
  o: { actorIds: readonly string[]; lastActivityBefore: ReadonlyMap<string, Date> },
): Promise<Map<string, TUserFacts>> {
  const [users, changes] = await inTurn(
    () =>
      client.query<TUserRow>(
        `SELECT id, role, department, "lastNameIndex", "addressIndex", "employeePatientId"
         FROM "User" WHERE id = ANY($1::uuid[])`,
        [o.actorIds],
      ),
    () =>
      client.query<{ userId: string; status: TAccountStatus; createdAt: Date }>(
        `SELECT "userId", status, "createdAt" FROM "AccountStatusChange" WHERE "userId" = ANY($1::uuid[])`,
        [o.actorIds],
      ),
  );
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
        lastActivityBefore: o.lastActivityBefore.get(u.id) ?? null,
      },
    ]),
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

export async function loadPatientFacts(
  client: pg.ClientBase,
  o: { patientIds: readonly string[] },
): Promise<Map<string, TPatientFacts>> {
  const ids = o.patientIds;
  const [patients, indexes, staff, flags, team] = await inTurn(
    () =>
      client.query<{ id: string; lastNameIndex: string | null; addressIndex: string | null; deceasedAt: Date | null }>(
        `SELECT id, "lastNameIndex", "addressIndex", "deceasedAt" FROM "Patient" WHERE id = ANY($1::uuid[])`,
        [ids],
      ),
    () =>
      client.query<{ patientId: string; kind: string; value: string }>(
        `SELECT "patientId", kind, value FROM "PatientIdentityIndex" WHERE "patientId" = ANY($1::uuid[])`,
        [ids],
      ),
    () =>
      client.query<{ id: string; employeePatientId: string }>(
        `SELECT id, "employeePatientId" FROM "User" WHERE "employeePatientId" = ANY($1::uuid[])`,
        [ids],
      ),
    () =>
      client.query<{ patientId: string; flag: string; activeFrom: Date; activeTo: Date | null }>(
        `SELECT "patientId", flag, "activeFrom", "activeTo" FROM "PatientFlag" WHERE "patientId" = ANY($1::uuid[])`,
        [ids],
      ),
    () =>
      client.query<{
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
  );
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
        departments: [...new Set(changes.flatMap((c) => (c.change === "add" && c.department ? [c.department] : [])))],
        careTeam: memberships(changes),
      };
      return [p.id, facts];
    }),
  );
}

export async function loadDepartments(client: pg.ClientBase): Promise<Map<string, TDepartmentFacts>> {
  // The directory's departments: a few dozen rows.
  const { rows } = await client.query<{ name: string; timeZone: string; shifts: TShift[] }>(
    `SELECT name, "timeZone", shifts FROM "Department"`,
  );
  return new Map(rows.map((d) => [d.name, { name: d.name, timeZone: d.timeZone, shifts: d.shifts }]));
}

/**
 * Break-glass windows that overlap [from, to] (the events looked at) or end in it (checked for
 * clinical writes): of any actor, so a window that ended quietly is checked even when its actor
 * has no event in the batch.
 */
export async function loadBreakGlassWindows(
  client: pg.ClientBase,
  o: { from: Date; to: Date },
): Promise<TBreakGlassWindow[]> {
  const { rows } = await client.query<TBreakGlassWindow>(
    `SELECT id, "userId" AS "actorId", "patientId", "startedAt", "expiresAt" FROM "BreakGlass"
      WHERE "expiresAt" >= $1::timestamp AND "startedAt" <= $2::timestamp`,
    [pgTimestamp(o.from), pgTimestamp(o.to)],
  );
  return rows;
}
