// `healthledger seed --staff S --patients P`: more staff and patients for a scale run, so that
// millions of events are spread over a hospital's worth of people instead of the demo's 24 staff
// (about 14,000 events per person a day at 10,000,000 events over 30 days, where a clinician
// opens some tens of charts a day). Written like the demo's: patients through the vault (encrypted,
// anchored), staff with blind indexes and a password hash nobody knows, and every new patient given
// a home department and one or two of its clinicians, as the demo's history does.
import crypto from "node:crypto";
import { Faker, en } from "@faker-js/faker";
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import { addCareTeamMembers } from "../../../lib/access/care-team/add-care-team-members";
import { hashPassword } from "../../../lib/auth/password";
import { createPatient } from "../../../lib/vault/create-patient";
import { makeSyntheticPatient } from "../fhir-factories";
import { DEPARTMENTS, makeSyntheticStaff } from "../staff-factories";
import { staffUserData } from "../staff-user-data";
import { loadWorld } from "./load-world";
import { planCareTeams } from "./plan-care-teams";
import { DAY_MS } from "./zoned-time";

export const MAX_GROW = 1_000_000;

export type TGrowWorldOptions = {
  staff: number;
  patients: number;
  seed?: number;
  /** When the new care-team memberships began: before the events about to be seeded. */
  careTeamSince?: Date;
  onProgress?: (done: number, total: number) => void;
};
export type TGrowWorldResult = { staff: number; patients: number; careTeamMembers: number };

// Three clinicians to one compliance officer, as in the demo.
const ROLES = ["CLINICIAN", "CLINICIAN", "CLINICIAN", "COMPLIANCE_OFFICER"] as const;
const PATIENTS_PER_TRANSACTION = 50;
/** Staff rows, or care-team memberships, per statement. */
const ROWS_PER_STATEMENT = 1_000;

export async function growWorld(prisma: PrismaClient, o: TGrowWorldOptions): Promise<TGrowWorldResult> {
  for (const [name, n] of [
    ["staff", o.staff],
    ["patients", o.patients],
  ] as const)
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_GROW)
      throw new RangeError(`growWorld: ${name} must be a whole number from 0 to ${MAX_GROW}`);
  const faker = new Faker({ locale: [en] });
  faker.seed(o.seed ?? 2026);
  const total = o.staff + o.patients;
  const before = await loadWorld(prisma);
  // Numbers after those already used: MRNs and staff e-mails are unique.
  const firstPatient = (await prisma.patient.count()) + 1;
  const firstStaff = Math.max(0, ...before.staff.map((s) => s.staffNumber ?? 0)) + 1;

  const patientIds: string[] = [];
  for (let i = 0; i < o.patients; i += PATIENTS_PER_TRANSACTION) {
    const batch = Array.from({ length: Math.min(PATIENTS_PER_TRANSACTION, o.patients - i) }, (_, k) =>
      makeSyntheticPatient(faker, firstPatient + i + k),
    );
    await prisma.$transaction(
      async (tx) => {
        for (const p of batch)
          patientIds.push((await createPatient(tx, { patient: p.patient, resources: p.clinical })).patientId);
      },
      { timeout: 120_000 },
    );
    o.onProgress?.(patientIds.length, total);
  }

  // One hash of a random password for all of them: these accounts exist to be seen at work, not to sign in.
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString("base64url"));
  for (let i = 0; i < o.staff; i += ROWS_PER_STATEMENT) {
    const data = Array.from({ length: Math.min(ROWS_PER_STATEMENT, o.staff - i) }, (_, k) => {
      const n = firstStaff + i + k;
      const s = makeSyntheticStaff(faker, {
        index: n,
        role: ROLES[n % ROLES.length],
        department: DEPARTMENTS[n % DEPARTMENTS.length],
      });
      return staffUserData(s, passwordHash);
    });
    await prisma.user.createMany({ data });
    o.onProgress?.(patientIds.length + i + data.length, total);
  }

  // Care teams for the new patients only, from every active clinician (new and old).
  const after = await loadWorld(prisma);
  const fresh = new Set(patientIds);
  const plan = planCareTeams({ ...after, patients: after.patients.filter((p) => fresh.has(p)) }, faker);
  const at = o.careTeamSince ?? new Date(Date.now() - 60 * DAY_MS);
  let careTeamMembers = 0;
  for (let i = 0; i < plan.length; i += ROWS_PER_STATEMENT) {
    const members = plan
      .slice(i, i + ROWS_PER_STATEMENT)
      .map((a) => ({ patientId: a.patientId, userId: a.staffId, byId: a.staffId }));
    careTeamMembers += await prisma.$transaction((tx) => addCareTeamMembers(tx, { members, at }), {
      timeout: 120_000,
    });
  }
  return { staff: o.staff, patients: o.patients, careTeamMembers };
}
