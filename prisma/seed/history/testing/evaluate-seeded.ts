// For tests: the monitoring rules run over the seeded history a day at a time, with facts and
// baselines computed here from the database (a plain stand-in for the monitor's own loaders,
// which keep them in rollups). Tells whether the planted cases trip their rules and how much
// ordinary activity trips.
import type { PrismaClient } from "../../../../lib/generated/prisma/client";
import { DEFAULT_RULE_SET, evaluateRules, localTime, lookbackMs } from "../../../../lib/monitor/rules";
import type {
  TFinding,
  TMonitorEvent,
  TMonitorFacts,
  TPatientFacts,
  TStaffRole,
  TUserFacts,
} from "../../../../lib/monitor/rules";

const DAY_MS = 86_400_000;
const TZ = "America/New_York";

export async function evaluateSeeded(prisma: PrismaClient): Promise<TFinding[]> {
  const [users, patients, identity, flags, departments, careTeam, statuses, breakGlass, rows] = await Promise.all([
    prisma.user.findMany(),
    prisma.patient.findMany(),
    prisma.patientIdentityIndex.findMany(),
    prisma.patientFlag.findMany(),
    prisma.department.findMany(),
    prisma.careTeamChange.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.accountStatusChange.findMany(),
    prisma.breakGlass.findMany(),
    prisma.$queryRaw<
      (Omit<TMonitorEvent, "ledgerIndex" | "breakGlass" | "actorDepartment"> & {
        ledgerIndex: bigint;
        department: string | null;
      })[]
    >`
      SELECT e."index" AS "ledgerIndex", a.id, a.recorded, a."actorId", a."actorRole", u.department, a."patientId",
             a.type, a.subtype, a.action, a.outcome, a."purposeOfUse", a."entityWhat"
        FROM "LedgerEntry" e JOIN "AccessEvent" a ON e.kind = 'access_event' AND a.id = e."rowId"
        LEFT JOIN "User" u ON u.id = a."actorId" ORDER BY e."index"`,
  ]);
  const events: TMonitorEvent[] = rows.map((r) => ({
    ...r,
    ledgerIndex: Number(r.ledgerIndex),
    actorDepartment: r.department,
    breakGlass: r.purposeOfUse === "ETREAT",
  }));
  const dept = new Map(users.map((u) => [u.id, u.department]));
  const userFacts = new Map<string, TUserFacts>(
    users.map((u) => [
      u.id,
      {
        id: u.id,
        role: u.role as TStaffRole,
        department: u.department,
        lastNameIndex: u.lastNameIndex,
        addressIndex: u.addressIndex,
        ownPatientId: u.employeePatientId,
        statusHistory: statuses
          .filter((s) => s.userId === u.id)
          .map((s) => ({ status: s.status as "active", at: s.createdAt })),
        lastActivityBefore: null,
      },
    ]),
  );
  const teams = new Map<string, TPatientFacts["careTeam"][number][]>();
  for (const c of careTeam) {
    const list = teams.get(c.patientId) ?? [];
    if (c.change === "add") list.push({ userId: c.userId, addedById: c.byId, from: c.createdAt, to: null });
    else for (const m of list) if (m.userId === c.userId && m.to === null) m.to = c.createdAt;
    teams.set(c.patientId, list);
  }
  const patientFacts = new Map<string, TPatientFacts>(
    patients.map((p) => {
      const team = teams.get(p.id) ?? [];
      return [
        p.id,
        {
          id: p.id,
          lastNameIndex: p.lastNameIndex,
          addressIndex: p.addressIndex,
          priorAddressIndexes: identity
            .filter((i) => i.patientId === p.id && i.kind === "priorAddress")
            .map((i) => i.value),
          contactNameIndexes: identity
            .filter((i) => i.patientId === p.id && i.kind === "contactName")
            .map((i) => i.value),
          staffUserId: users.find((u) => u.employeePatientId === p.id)?.id ?? null,
          vipPeriods: flags
            .filter((f) => f.patientId === p.id && f.flag !== "deceased")
            .map((f) => ({ from: f.activeFrom, to: f.activeTo })),
          deceasedAt: p.deceasedAt,
          departments: [...new Set(team.map((m) => dept.get(m.userId)).filter((d): d is string => !!d))],
          careTeam: team,
        },
      ];
    }),
  );
  const zone = new Map(departments.map((d) => [d.name, d.timeZone]));
  const local = (e: TMonitorEvent) => localTime(zone.get(e.actorDepartment ?? "") ?? TZ, e.recorded);
  const isOpen = (e: TMonitorEvent) =>
    e.actorId !== null && e.patientId !== null && e.actorRole !== "PATIENT" && e.subtype !== "search-type";

  const findings: TFinding[] = [];
  const first = events[0]?.recorded.getTime() ?? 0;
  const last = events.at(-1)?.recorded.getTime() ?? 0;
  for (let start = Math.floor(first / DAY_MS) * DAY_MS; start <= last; start += DAY_MS) {
    const before = events.filter((e) => e.recorded.getTime() < start);
    const batch = events.filter((e) => e.recorded.getTime() >= start && e.recorded.getTime() < start + DAY_MS);
    if (batch.length === 0) continue;
    const hourOfWeek = new Map<string, number>();
    const daily = new Map<string, Map<string, Set<string>>>();
    for (const e of before) {
      if (e.actorId === null) continue;
      const t = local(e);
      for (const k of [`a\n${e.actorId}\n${t.hourOfWeek}`, `d\n${e.actorDepartment}\n${t.hourOfWeek}`])
        hourOfWeek.set(k, (hourOfWeek.get(k) ?? 0) + 1);
      if (!isOpen(e)) continue;
      const days = daily.get(e.actorId) ?? new Map<string, Set<string>>();
      days.set(t.day, (days.get(t.day) ?? new Set()).add(e.patientId!));
      daily.set(e.actorId, days);
    }
    const baselineDays = Math.floor((start - Math.floor(first / DAY_MS) * DAY_MS) / DAY_MS);
    const series = (actorId: string) => {
      const days = daily.get(actorId);
      return Array.from({ length: baselineDays }, (_, i) => {
        const day = localTime(zone.get(dept.get(actorId) ?? "") ?? TZ, new Date(start - (i + 0.5) * DAY_MS)).day;
        return days?.get(day)?.size ?? 0;
      });
    };
    const bgPerDay = (actorId: string) =>
      baselineDays
        ? breakGlass.filter((b) => b.userId === actorId && b.startedAt.getTime() < start).length / baselineDays
        : 0;
    const peers = (role: TStaffRole, department: string | null, actorId: string) =>
      users.filter((u) => u.role === role && u.department === department && u.id !== actorId).map((u) => u.id);
    const facts: TMonitorFacts = {
      users: userFacts,
      patients: patientFacts,
      departments: new Map(
        departments.map((d) => [d.name, { name: d.name, timeZone: d.timeZone, shifts: d.shifts as never }]),
      ),
      breakGlassWindows: breakGlass.map((b) => ({
        id: b.id,
        actorId: b.userId,
        patientId: b.patientId,
        startedAt: b.startedAt,
        expiresAt: b.expiresAt,
      })),
      defaultTimeZone: TZ,
      baselines: {
        actorHourOfWeek: (a, h) => hourOfWeek.get(`a\n${a}\n${h}`) ?? 0,
        departmentHourOfWeek: (d, h) => hourOfWeek.get(`d\n${d}\n${h}`) ?? 0,
        actorDailyDistinctPatients: series,
        peerDailyDistinctPatients: (role, department, actorId) => peers(role, department, actorId).flatMap(series),
        dayPatientsBefore: (actorId, day) => daily.get(actorId)?.get(day) ?? new Set(),
        actorBreakGlassPerDay: bgPerDay,
        peerBreakGlassPerDay: (role, department, actorId) => {
          const p = peers(role, department, actorId);
          return p.length ? p.reduce((n, id) => n + bgPerDay(id), 0) / p.length : 0;
        },
      },
    };
    const lookback = before.filter((e) => e.recorded.getTime() >= start - lookbackMs(DEFAULT_RULE_SET.config));
    const asOf = new Date(Math.min(start + DAY_MS, last + 1));
    findings.push(
      ...evaluateRules({ events: batch, lookback, since: new Date(start), asOf }, facts, DEFAULT_RULE_SET).findings,
    );
  }
  return findings;
}
