// A small hospital with planted snooping, for the tests of the rules consumer and the backfill:
// the demo seed's people and facts, and access events written and anchored the way bulk writers
// write them (multi-row INSERT … RETURNING * and enqueue in one transaction).
import type pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { withTransaction } from "@/lib/db/with-transaction";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";
import { seedDemo } from "@/prisma/seed/seed-demo";

export type THistoryEvent = {
  actorId: string;
  patientId: string | null;
  at: Date;
  outcome?: string;
  action?: string;
  subtype?: string;
  purposeOfUse?: string;
};

/** Anchored access events, one transaction; the actor's role is read from User. */
export async function writeHistoryEvents(pool: pg.Pool, events: readonly THistoryEvent[]): Promise<void> {
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query(
      `INSERT INTO "AccessEvent" (id, recorded, type, subtype, action, outcome, "actorId", "actorRole", "patientId",
                                  "purposeOfUse", "entityWhat", "requestId")
       SELECT u.id, u.recorded, 'rest', u.subtype, u.action, u.outcome, u.actor, usr.role, u.patient, u.purpose,
              CASE WHEN u.patient IS NULL THEN NULL ELSE 'Patient' END, gen_random_uuid()::text
         FROM unnest($1::uuid[], $2::timestamp[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::text[])
           AS u(id, recorded, subtype, action, outcome, actor, patient, purpose)
         JOIN "User" usr ON usr.id = u.actor
       RETURNING *`,
      [
        events.map(() => newAnchoredRowId()),
        events.map((e) => e.at.toISOString().replace("Z", "")),
        events.map((e) => e.subtype ?? "read"),
        events.map((e) => e.action ?? "R"),
        events.map((e) => e.outcome ?? "0"),
        events.map((e) => e.actorId),
        events.map((e) => e.patientId),
        events.map((e) => e.purposeOfUse ?? "TREAT"),
      ],
    );
    await enqueueLeaves(client, { kind: "access_event", rows: rows as { id: string }[] });
  });
}

export type TPlanted = { ruleId: string; actorId: string; patientId: string | null; reasonCode?: string };

export type TRulesHistory = {
  patients: string[];
  staff: string[];
  clinician: string;
  /** The findings the planted events must raise (others may fire too, e.g. after-hours at night). */
  planted: TPlanted[];
  /** Events in a quiet pattern that raise nothing by themselves. */
  routine: (at: Date) => THistoryEvent[];
};

const MINUTE = 60_000;

/**
 * Demo seed with 12 patients and 8 staff (facts from prisma/seed/monitoring-facts.ts: staff 1 is
 * patient 10, patient 5 is a VIP, staff 5 is terminated; staff 0 shares patient 0's last name and
 * staff 3 patient 9's address), then one planted case per rule below, an hour ago.
 */
export async function seedRulesHistory(prisma: PrismaClient, pool: pg.Pool, now = new Date()): Promise<TRulesHistory> {
  await seedDemo(prisma, { patients: 12, staff: 8 });
  const patients = (await prisma.patient.findMany({ orderBy: { createdAt: "asc" }, select: { id: true } })).map(
    (p) => p.id,
  );
  const staff = (
    await prisma.user.findMany({
      where: { email: { endsWith: "@staff.healthledger.test" } },
      orderBy: { email: "asc" },
      select: { id: true, email: true },
    })
  )
    .sort((a, b) => Number(/\.(\d+)@/.exec(a.email)![1]) - Number(/\.(\d+)@/.exec(b.email)![1]))
    .map((s) => s.id);
  const clinician = (await prisma.user.findUniqueOrThrow({ where: { email: "clinician@healthledger.test" } })).id;
  const t0 = new Date(now.getTime() - 60 * MINUTE);
  const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
  const events: THistoryEvent[] = [
    // staff 0 opens the patient who shares their last name
    { actorId: staff[0]!, patientId: patients[0]!, at: at(1) },
    // staff 1 opens their own chart
    { actorId: staff[1]!, patientId: patients[10]!, at: at(2) },
    // staff 3 (an officer) is refused a look at a co-worker's chart: a denied attempt is snooping too
    { actorId: staff[3]!, patientId: patients[10]!, at: at(3), outcome: "4" },
    // staff 3 opens the patient who lives at their address
    { actorId: staff[3]!, patientId: patients[9]!, at: at(4) },
    // staff 2, off the VIP's care team, opens the VIP
    { actorId: staff[2]!, patientId: patients[5]!, at: at(5) },
    // the terminated account still acts (after its termination, which the seed recorded just now)
    { actorId: staff[5]!, patientId: patients[2]!, at: new Date() },
    // staff 4 is refused six times in ten minutes
    ...[0, 1, 2, 3, 4, 5].map((i) => ({ actorId: staff[4]!, patientId: patients[i]!, at: at(10 + i), outcome: "4" })),
  ];
  await writeHistoryEvents(pool, events);
  return {
    patients,
    staff,
    clinician,
    planted: [
      { ruleId: "same-last-name", actorId: staff[0]!, patientId: patients[0]! },
      { ruleId: "self-access", actorId: staff[1]!, patientId: patients[10]! },
      { ruleId: "co-worker", actorId: staff[3]!, patientId: patients[10]! },
      { ruleId: "same-address", actorId: staff[3]!, patientId: patients[9]! },
      { ruleId: "vip", actorId: staff[2]!, patientId: patients[5]! },
      { ruleId: "account-status", actorId: staff[5]!, patientId: null, reasonCode: "acted-while-terminated" },
      { ruleId: "repeated-denials", actorId: staff[4]!, patientId: null },
    ],
    // The demo clinician reads a care-team patient: nothing to find.
    routine: (when) => [{ actorId: clinician, patientId: patients[1]!, at: when }],
  };
}
