import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { OPEN_ALERT_STATUSES } from "../alerts/alert-status";

/** A department's shift as stored: ISO weekday 1–7, "HH:MM" start and end (end ≤ start runs past midnight). */
export type TShiftRow = { weekday: number; start: string; end: string };

export type TUserCard = {
  id: string;
  name: string;
  email: string;
  role: string;
  /** Null time zone and no shifts when the department named on the account is not in the directory. */
  department: { name: string; timeZone: string | null; shifts: TShiftRow[] } | null;
  /** "active", "disabled" or "terminated": the latest status change, else the account's flag. */
  status: string;
  statusHistory: { at: Date; status: string; by: string | null }[];
  /** Whether this employee is also a patient here (the link itself, a patient id, is not shown). */
  isAlsoPatient: boolean;
  createdAt: Date;
  alerts: {
    open: number;
    total: number;
    recent: {
      id: string;
      ruleId: string;
      severity: string;
      status: string;
      day: string;
      patientPseudonym: string | null;
      createdAt: Date;
    }[];
  };
};

const RECENT_ALERTS = 10;

/**
 * Who a staff member is, from the directory: role, department with its shifts and time zone,
 * account status and its history, whether they are also a patient here, and the privacy alerts
 * about them. Null for an unknown id or a patient's portal account (not staff).
 */
export async function readUserCard(prisma: PrismaClient, userId: string): Promise<TUserCard | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      email: true,
      role: true,
      department: true,
      disabled: true,
      terminatedAt: true,
      employeePatientId: true,
      createdAt: true,
    },
  });
  if (!user || user.role === "PATIENT") return null;
  const [department, history, recent, counts] = await Promise.all([
    user.department
      ? prisma.department.findUnique({ where: { name: user.department }, select: { timeZone: true, shifts: true } })
      : null,
    prisma.accountStatusChange.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.privacyAlert.findMany({
      where: { actorId: userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_ALERTS,
      select: { id: true, ruleId: true, severity: true, status: true, day: true, patientId: true, createdAt: true },
    }),
    prisma.privacyAlert.groupBy({ by: ["status"], where: { actorId: userId }, _count: { _all: true } }),
  ]);
  const [byUsers, patients] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: [...new Set(history.map((h) => h.byId))] } },
      select: { id: true, displayName: true },
    }),
    prisma.patient.findMany({
      where: { id: { in: recent.flatMap((a) => (a.patientId ? [a.patientId] : [])) } },
      select: { id: true, pseudonym: true },
    }),
  ]);
  const nameOf = new Map(byUsers.map((u) => [u.id, u.displayName]));
  const pseudonymOf = new Map(patients.map((p) => [p.id, p.pseudonym]));
  const latest = history[history.length - 1]?.status;
  const status = user.terminatedAt ? "terminated" : (latest ?? (user.disabled ? "disabled" : "active"));
  const open = new Set<string>(OPEN_ALERT_STATUSES);
  return {
    id: user.id,
    name: user.displayName,
    email: user.email,
    role: user.role,
    department: user.department
      ? {
          name: user.department,
          timeZone: department?.timeZone ?? null,
          shifts: (department?.shifts as TShiftRow[] | undefined) ?? [],
        }
      : null,
    status,
    statusHistory: history.map((h) => ({ at: h.createdAt, status: h.status, by: nameOf.get(h.byId) ?? null })),
    isAlsoPatient: user.employeePatientId !== null,
    createdAt: user.createdAt,
    alerts: {
      open: counts.filter((c) => open.has(c.status)).reduce((n, c) => n + c._count._all, 0),
      total: counts.reduce((n, c) => n + c._count._all, 0),
      recent: recent.map((a) => ({
        id: a.id,
        ruleId: a.ruleId,
        severity: a.severity,
        status: a.status,
        day: a.day.toISOString().slice(0, 10),
        patientPseudonym: a.patientId ? (pseudonymOf.get(a.patientId) ?? null) : null,
        createdAt: a.createdAt,
      })),
    },
  };
}
