// Deterministic demo data: the same seed gives the same people, records and accounts.
import crypto from "node:crypto";
import { Faker, en } from "@faker-js/faker";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { addCareTeamMembers } from "../../lib/access/care-team/add-care-team-members";
import { sealMfaSecret } from "../../lib/auth/mfa-secret";
import { hashPassword } from "../../lib/auth/password";
import { totpSecretFromBase32 } from "../../lib/auth/totp";
import { createPatient } from "../../lib/vault/create-patient";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoTotpSecret } from "./demo-accounts";
import { makeSyntheticPatient, type TSyntheticPatient } from "./fhir-factories";
import { seedHistory, type THistorySummary } from "./history/seed-history";
import { plantRelationshipFacts, seedMonitoringFacts } from "./monitoring-facts";
import { DEPARTMENTS, makeSyntheticStaff, sharedAddressPatient, sharedLastNamePatient } from "./staff-factories";
import { staffUserData } from "./staff-user-data";

export const DEMO_CARE_TEAM_SIZE = 20;

export type TSeedOptions = {
  patients?: number;
  staff?: number;
  seed?: number;
  /** Days of access history ending `now` (prisma/seed/history); 0, the default here, for none. */
  historyDays?: number;
  now?: Date;
};
export type TSeedSummary = {
  patients: number;
  records: number;
  staff: number;
  accounts: number;
  history: THistorySummary | null;
};

export async function seedDemo(prisma: PrismaClient, opts: TSeedOptions = {}): Promise<TSeedSummary> {
  const faker = new Faker({ locale: [en] });
  faker.seed(opts.seed ?? 2026);
  const now = opts.now ?? new Date();
  const historyDays = opts.historyDays ?? 0;
  // Care teams predate the history (a month before its first day), as in a hospital that has run for a while.
  const careTeamSince = historyDays > 0 ? new Date(now.getTime() - (historyDays + 30) * 86_400_000) : undefined;
  const patientCount = opts.patients ?? 200;
  const staffCount = opts.staff ?? 24;

  const synthetic: TSyntheticPatient[] = Array.from({ length: patientCount }, (_, i) =>
    makeSyntheticPatient(faker, i + 1),
  );
  plantRelationshipFacts(synthetic);
  const patientIds: string[] = [];
  let records = 0;
  // Batches of patients per transaction: all-or-nothing per batch, and fast enough for 10k.
  for (let i = 0; i < synthetic.length; i += 50) {
    const batch = synthetic.slice(i, i + 50);
    await prisma.$transaction(
      async (tx) => {
        for (const p of batch) {
          const created = await createPatient(tx, { patient: p.patient, resources: p.clinical });
          patientIds.push(created.patientId);
          records += created.recordIds.length;
        }
      },
      { timeout: 120_000 },
    );
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const demoIds = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const id = crypto.randomUUID();
    const totp = demoTotpSecret(a.email);
    // Demo admins and the demo compliance officer start enrolled in TOTP with the documented secrets.
    const mfa = totp ? { mfaSecret: sealMfaSecret(id, totpSecretFromBase32(totp)), mfaEnabledAt: new Date() } : {};
    const user = await prisma.user.create({
      data: { id, ...a, ...mfa, passwordHash, patientId: a.role === "PATIENT" ? patientIds[0] : null },
    });
    demoIds.set(a.email, id);
    // The demo clinician treats the first 20 patients (MRN1000001–MRN1000020); the rest need a
    // consent or break-glass, so the access policy can be seen at work.
    if (a.role === "CLINICIAN") {
      await prisma.$transaction((tx) =>
        addCareTeamMembers(tx, {
          members: patientIds
            .slice(0, DEMO_CARE_TEAM_SIZE)
            .map((patientId) => ({ patientId, userId: user.id, byId: user.id })),
          at: careTeamSince,
        }),
      );
    }
  }

  const staffIds: string[] = [];
  const staffRoles = ["CLINICIAN", "CLINICIAN", "CLINICIAN", "COMPLIANCE_OFFICER"] as const;
  for (let i = 0; i < staffCount; i++) {
    // Every sixth staff member shares a last name with a patient, every eighth an address.
    const s = makeSyntheticStaff(faker, {
      index: i + 1,
      role: staffRoles[i % staffRoles.length],
      department: DEPARTMENTS[i % DEPARTMENTS.length],
      shareLastName: synthetic[sharedLastNamePatient(i, synthetic.length) ?? -1]?.lastName,
      shareAddress: synthetic[sharedAddressPatient(i, synthetic.length) ?? -1]?.addressLine,
    });
    const member = await prisma.user.create({ data: staffUserData(s, passwordHash) });
    staffIds.push(member.id);
  }
  await seedMonitoringFacts(prisma, {
    patientIds,
    staffIds,
    adminId: demoIds.get("admin@healthledger.test")!,
    officerId: demoIds.get("compliance@healthledger.test")!,
    now,
  });
  const history =
    historyDays > 0
      ? await seedHistory(prisma, { patientOrder: patientIds, now, days: historyDays, seed: opts.seed ?? 2026 })
      : null;
  return { patients: patientCount, records, staff: staffCount, accounts: DEMO_ACCOUNTS.length, history };
}

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}
