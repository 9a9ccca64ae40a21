// Reads the history's world (world.ts) from the database: ids, roles, departments, care teams and
// which staff/patient pairs are related — by comparing blind indexes, never by decrypting.
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import type { TDepartmentHours } from "./shift-patterns";
import { pairKey, type TStaffMember, type TWorld } from "./world";

const STAFF_NUMBER = /\.(\d+)@staff\.healthledger\.test$/;

export async function loadWorld(prisma: PrismaClient, o: { patientOrder?: readonly string[] } = {}): Promise<TWorld> {
  const [users, patients, identity, flags, departments, careTeam, statuses] = await Promise.all([
    prisma.user.findMany({ orderBy: { email: "asc" } }),
    prisma.patient.findMany({
      where: { erasedAt: null },
      select: { id: true, lastNameIndex: true, addressIndex: true, deceasedAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.patientIdentityIndex.findMany({ select: { patientId: true, kind: true, value: true } }),
    prisma.patientFlag.findMany({ where: { flag: { in: ["vip", "confidential"] } }, select: { patientId: true } }),
    prisma.department.findMany({ orderBy: { name: "asc" } }),
    prisma.careTeamChange.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.accountStatusChange.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const inactiveFrom = new Map<string, Date | null>();
  for (const s of statuses) inactiveFrom.set(s.userId, s.status === "active" ? null : s.createdAt);
  const staff: TStaffMember[] = users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.displayName,
    role: u.role,
    department: u.department,
    staffNumber: STAFF_NUMBER.test(u.email) ? Number(STAFF_NUMBER.exec(u.email)![1]) : null,
    mfa: u.mfaEnabledAt !== null,
    inactiveFrom: inactiveFrom.get(u.id) ?? (u.disabled ? (u.disabledAt ?? u.terminatedAt ?? new Date(0)) : null),
    patientId: u.patientId,
  }));

  const members = new Map<string, Set<string>>();
  for (const c of careTeam) {
    let set = members.get(c.userId);
    if (!set) members.set(c.userId, (set = new Set()));
    if (c.change === "add") set.add(c.patientId);
    else set.delete(c.patientId);
  }

  const related = new Set<string>();
  const byLastName = new Map<string, string[]>();
  const byAddress = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string | null, v: string) => k && m.set(k, [...(m.get(k) ?? []), v]);
  for (const p of patients) {
    push(byLastName, p.lastNameIndex, p.id);
    push(byAddress, p.addressIndex, p.id);
  }
  for (const i of identity) push(i.kind === "contactName" ? byLastName : byAddress, i.value, i.patientId);
  for (const u of users) {
    for (const p of [...(byLastName.get(u.lastNameIndex ?? "") ?? []), ...(byAddress.get(u.addressIndex ?? "") ?? [])])
      related.add(pairKey(u.id, p));
    if (u.employeePatientId) related.add(pairKey(u.id, u.employeePatientId));
  }
  const restricted = new Set<string>([
    ...flags.map((f) => f.patientId),
    ...patients.filter((p) => p.deceasedAt !== null).map((p) => p.id),
    ...users.flatMap((u) => (u.employeePatientId ? [u.employeePatientId] : [])),
  ]);
  const known = new Set(patients.map((p) => p.id));
  return {
    staff,
    patients: o.patientOrder ? o.patientOrder.filter((id) => known.has(id)) : patients.map((p) => p.id),
    departments: departments.map((d) => ({
      name: d.name,
      timeZone: d.timeZone,
      shifts: d.shifts as unknown as TDepartmentHours["shifts"],
    })),
    careTeams: new Map([...members].map(([k, v]) => [k, [...v]])),
    relatedPairs: related,
    restricted,
  };
}
