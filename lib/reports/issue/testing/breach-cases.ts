// Privacy cases for the breach record's tests, written the way the app writes them: patients,
// staff, anchored access events, rule alerts raised by the alert writer, escalation into cases and
// each officer's change through changePrivacyCase. Every case's free text carries SECRET, and the
// staff carry distinctive names, so a test can show that none of it reaches a report.
import crypto from "node:crypto";
import { Faker, en } from "@faker-js/faker";
import { recordAccessEvents } from "@/lib/access/record-access-event";
import { withTransaction } from "@/lib/db/with-transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { writeRuleAlerts } from "@/lib/monitor/alerts/write-rule-alerts";
import { changePrivacyCase } from "@/lib/monitor/cases/change-privacy-case";
import { escalateAlertsToCase } from "@/lib/monitor/cases/escalate-alerts-to-case";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createPatient } from "@/lib/vault/create-patient";

/** Planted in every note and rationale: it must never appear in an organization report. */
export const CASE_SECRET = "Zanzibar-HIV-7731 neighbour looked up";
const DAY = 86_400_000;

export type TBreachCases = {
  officerId: string;
  /** Determined a breach, discovered 5 days ago, notified a day ago: GDPR 72 h late by a day. */
  lateBreach: string;
  /** Determined a breach, discovered 4 days ago, not notified: GDPR 72 h overdue by a day. */
  overdueBreach: string;
  /** Investigating, assessed presumed breach, not determined. */
  presumed: string;
  /** Determined explained: not in the record. */
  explained: string;
  staffNames: string[];
  patientNames: string[];
  mrns: string[];
};

const assess = (level: "low" | "high") => ({
  action: "assess",
  levels: { nature: "high", recipient: level, acquired: "high", mitigation: "medium" },
  rationales: {
    nature: `${CASE_SECRET} (i)`,
    recipient: `${CASE_SECRET} (ii)`,
    acquired: `${CASE_SECRET} (iii)`,
    mitigation: `${CASE_SECRET} (iv)`,
  },
  exceptions: [],
});

export async function plantBreachCases(
  prisma: PrismaClient,
  pool: LedgerPool,
  now = new Date(),
): Promise<TBreachCases> {
  const faker = new Faker({ locale: [en], seed: 33 });
  const synthetic = Array.from({ length: 3 }, (_, i) => makeSyntheticPatient(faker, i + 1));
  const patients: string[] = [];
  for (const p of synthetic)
    patients.push(
      (await prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: p.clinical }))).patientId,
    );
  const staffNames = ["Quillon Vasterbridge", "Orsolya Fenwickham", "Tamsin Oakhollow", "Bartholomew Quenby"];
  const user = (displayName: string, role: "CLINICIAN" | "COMPLIANCE_OFFICER") =>
    prisma.user.create({
      data: {
        email: `${displayName.split(" ")[0]!.toLowerCase()}.${crypto.randomUUID().slice(0, 8)}@breach.test`,
        displayName,
        role,
        department: "Cardiology",
        passwordHash: "x",
      },
    });
  const officer = await user("Officer Ledgerwood", "COMPLIANCE_OFFICER");
  const staff: { id: string; role: Role }[] = [];
  for (const n of staffNames) staff.push(await user(n, "CLINICIAN"));

  // Each staff member opens patients' records: Observations, the chart, one denied MedicationRequest.
  const events: { id: string; patientId: string | null }[][] = [];
  for (const [i, s] of staff.entries()) {
    const reached = i === 0 ? patients.slice(0, 2) : [patients[i % 3]!];
    const rows = await recordAccessEvents(
      prisma,
      reached.flatMap((patientId) => [
        {
          type: "rest",
          subtype: "read",
          action: "R" as const,
          outcome: "0" as const,
          actorId: s.id,
          actorRole: s.role,
          patientId,
          purposeOfUse: "TREAT",
          entityWhat: `Patient/${patientId}`,
        },
        {
          type: "rest",
          subtype: "read",
          action: "R" as const,
          outcome: "0" as const,
          actorId: s.id,
          actorRole: s.role,
          patientId,
          purposeOfUse: "TREAT",
          entityWhat: `Observation/${crypto.randomUUID()}`,
        },
        {
          type: "rest",
          subtype: "read",
          action: "R" as const,
          outcome: "4" as const,
          actorId: s.id,
          actorRole: s.role,
          patientId,
          purposeOfUse: "TREAT",
          entityWhat: `MedicationRequest/${crypto.randomUUID()}`,
        },
      ]),
    );
    events.push(rows);
  }
  await sealPending({ pool });
  const day = now.toISOString().slice(0, 10);
  const alerts = await withTransaction(pool, (client) =>
    writeRuleAlerts(client, {
      ruleSetHash: "0".repeat(64),
      findings: staff.flatMap((s, i) =>
        [...new Set(events[i]!.map((e) => e.patientId!))].map((patientId) => ({
          ruleId: i === 0 ? "same-last-name" : "vip-access",
          actorId: s.id,
          patientId,
          day,
          severity: "high" as const,
          reasonCode: i === 0 ? "same_last_name" : "vip_patient",
          eventIds: events[i]!.filter((e) => e.patientId === patientId).map((e) => e.id),
          details: {},
        })),
      ),
    }),
  );
  const caseOf = async (actorId: string) =>
    (
      await escalateAlertsToCase(prisma, {
        alertIds: alerts.filter((a) => a.actorId === actorId).map((a) => a.id),
        byId: officer.id,
      })
    ).caseId;
  const ids: string[] = [];
  for (const s of staff) ids.push(await caseOf(s.id));
  const change = (caseId: string, c: unknown) => changePrivacyCase(prisma, { caseId, change: c, byId: officer.id });
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

  const [late, overdue, presumed, explained] = ids as [string, string, string, string];
  for (const id of ids) {
    await change(id, { action: "start_investigation" });
    await change(id, { action: "note", text: `${CASE_SECRET}: spoke with the manager` });
  }
  await change(late, { action: "intake", discoveredAt: ago(5), discoveredHow: "complaint" });
  await change(late, assess("high"));
  await change(late, { action: "determine", determination: "breach", sanctionTier: 3 });
  await change(late, { action: "notify", notifiedAt: ago(1) });
  await change(overdue, { action: "intake", discoveredAt: ago(4), discoveredHow: "rule_alert" });
  await change(overdue, assess("high"));
  await change(overdue, { action: "determine", determination: "breach", sanctionTier: 1 });
  await change(presumed, assess("high"));
  await change(explained, { action: "determine", determination: "explained", sanctionTier: 0 });
  return {
    officerId: officer.id,
    lateBreach: late,
    overdueBreach: overdue,
    presumed,
    explained,
    staffNames,
    patientNames: synthetic.map((p) => p.lastName),
    mrns: synthetic.map((p) => p.mrn),
  };
}
