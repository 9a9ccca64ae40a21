// The facts the snooping rules read, planted in the demo with known ground truth: departments
// with shift hours and time zones, a next of kin and a prior address that match staff, an
// employee who is also a patient, a VIP, a deceased patient and a terminated account. Every
// act goes through the app's own write path, so it is anchored like any other.
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { recordAccountStatus } from "../../lib/auth/record-account-status";
import { flagPatient } from "../../lib/vault/flag-patient";
import type { TSyntheticPatient } from "./fhir-factories";
import { DEPARTMENTS, sharedAddressPatient, sharedLastNamePatient } from "./staff-factories";

const DAY_MS = 86_400_000;
const weekdays = (days: number[], start: string, end: string) => days.map((weekday) => ({ weekday, start, end }));
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];
const MON_FRI = [1, 2, 3, 4, 5];

/** Shift hours per department: the emergency department and the wards run day and night shifts. */
export const DEMO_DEPARTMENTS = [
  ...DEPARTMENTS.map((name) => ({
    name,
    timeZone: "America/New_York",
    shifts:
      name === "Emergency Medicine" || name === "Internal Medicine"
        ? [...weekdays(ALL_WEEK, "07:00", "19:00"), ...weekdays(ALL_WEEK, "19:00", "07:00")]
        : name === "Radiology"
          ? weekdays([1, 2, 3, 4, 5, 6], "08:00", "20:00")
          : weekdays(MON_FRI, "07:00", "19:00"),
  })),
  { name: "Information Technology", timeZone: "America/New_York", shifts: weekdays(MON_FRI, "08:00", "17:00") },
  { name: "Privacy Office", timeZone: "America/New_York", shifts: weekdays(MON_FRI, "08:00", "17:00") },
];

/** Who the planted facts are about (0-based staff and patient positions in the seed's order). */
export const FACTS = {
  /** Staff member 1 is also patient 10 (MRN1000011). */
  employeeStaff: 1,
  employeePatient: 10,
  vipPatient: 5,
  deceasedPatient: 7,
  /** Staff member 5's account was terminated this many days before the seed. */
  terminatedStaff: 5,
  terminatedDaysAgo: 6,
  /** Staff member 6's last name is a next of kin's of the last patient; staff member 3's address a prior one of the patient before it. */
  kinStaff: 6,
  priorAddressStaff: 3,
} as const;

/**
 * Before the patients are created: the last patient gets a next of kin named like staff member
 * 6 (who shares patient (6·7 mod n)'s last name), and the one before it a prior address of staff
 * member 3 (who shares patient (3·11 mod n)'s address). No faker call, so the rest of the demo
 * stays as it was.
 */
export function plantRelationshipFacts(synthetic: TSyntheticPatient[]): void {
  const n = synthetic.length;
  if (n < 4) return;
  const kin = synthetic[n - 1]!.patient;
  kin.contact = [
    {
      relationship: [{ text: "next of kin" }],
      name: { family: synthetic[sharedLastNamePatient(FACTS.kinStaff, n)!]!.lastName, given: ["Sam"] },
    },
  ];
  const moved = synthetic[n - 2]!.patient;
  const prior = synthetic[sharedAddressPatient(FACTS.priorAddressStaff, n)!]!.patient.address![0]!;
  moved.address = [...(moved.address ?? []), { ...prior, use: "old" }];
}

export async function seedMonitoringFacts(
  prisma: PrismaClient,
  o: { patientIds: string[]; staffIds: string[]; adminId: string; officerId: string; now?: Date },
): Promise<void> {
  const now = o.now ?? new Date();
  await prisma.department.createMany({ data: DEMO_DEPARTMENTS });
  const [employee, terminated] = [o.staffIds[FACTS.employeeStaff], o.staffIds[FACTS.terminatedStaff]];
  const patient = (i: number) => o.patientIds[i % o.patientIds.length]!;
  if (!employee || !terminated || o.patientIds.length < 10) return;
  await prisma.$transaction(async (tx) => {
    // Staff member 1 is also patient 10 (MRN1000011), a patient of the demo clinician's care team.
    await tx.user.update({ where: { id: employee }, data: { employeePatientId: patient(FACTS.employeePatient) } });
    await flagPatient(tx, {
      patientId: patient(FACTS.vipPatient),
      flag: "vip",
      activeFrom: new Date(now.getTime() - 365 * DAY_MS),
      byId: o.officerId,
    });
    await flagPatient(tx, {
      patientId: patient(FACTS.deceasedPatient),
      flag: "deceased",
      activeFrom: new Date(now.getTime() - 60 * DAY_MS),
      byId: o.officerId,
    });
    // Terminated days ago, inside the demo's history, so its later sign-in attempts are planted snooping.
    await tx.user.update({ where: { id: terminated }, data: { disabled: true } });
    await recordAccountStatus(tx, {
      userId: terminated,
      status: "terminated",
      byId: o.adminId,
      at: new Date(now.getTime() - FACTS.terminatedDaysAgo * DAY_MS),
    });
  });
}
