import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { rollupConsumer } from "../rollups/rollup-consumer";
import { writeHistoryEvents, type THistoryEvent } from "../testing/rules-history";
import { catchUpConsumer } from "../watermark/advance-consumer";
import { readUserCard } from "./read-user-card";
import { readUserFigures } from "./read-user-figures";

// A month of one clinician's activity with known answers, through the real pipeline (anchored
// events, sealed, rolled up), against a peer in the same role and department and a colleague in
// another department who is no peer.

let db: TTestDatabase;
let pool: LedgerPool;
const now = new Date("2026-03-29T12:30:00Z");
const [alice, dan, erin, officer] = Array.from({ length: 4 }, () => crypto.randomUUID());
const p = Array.from({ length: 8 }, () => crypto.randomUUID());
const at = (day: number, time: string) => new Date(`2026-03-${String(day).padStart(2, "0")}T${time}Z`);

function history(): THistoryEvent[] {
  const e: THistoryEvent[] = [
    { actorId: alice, patientId: p[5], at: at(10, "09:00:00") },
    { actorId: alice, patientId: p[6], at: at(10, "09:10:00") },
    { actorId: alice, patientId: p[4], at: at(25, "09:00:00") },
    { actorId: alice, patientId: p[0], at: at(28, "20:00:00") },
    { actorId: alice, patientId: p[3], at: at(28, "20:05:00") },
    { actorId: alice, patientId: p[0], at: at(29, "10:00:00") },
    { actorId: alice, patientId: p[1], at: at(29, "10:01:00"), outcome: "4" },
    { actorId: alice, patientId: p[2], at: at(29, "10:02:00") },
    // Dan, Alice's peer: three active days before today (one with a search only), and a busy today.
    ...[0, 1, 2, 3].map((i) => ({ actorId: dan, patientId: p[i % 2], at: at(20, `0${i}:00:00`) })),
    { actorId: dan, patientId: p[2], at: at(21, "09:00:00") },
    { actorId: dan, patientId: p[3], at: at(21, "09:30:00") },
    { actorId: dan, patientId: null, at: at(22, "09:00:00"), action: "E", subtype: "search-type" },
    ...Array.from({ length: 10 }, (_, i) => ({ actorId: dan, patientId: p[i % 8], at: at(29, `0${i}:00:00`) })),
    // Erin is in another department: not a peer, however busy.
    ...Array.from({ length: 30 }, (_, i) => ({ actorId: erin, patientId: p[i % 8], at: at(20, "10:00:00") })),
  ];
  // Alice opens p7 every morning from 15 to 28 March.
  for (let d = 15; d <= 28; d++) e.push({ actorId: alice, patientId: p[7], at: at(d, "08:00:00") });
  return e;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  await db.prisma.department.create({
    data: { name: "Cardiology", timeZone: "Europe/Berlin", shifts: [{ weekday: 1, start: "07:00", end: "19:00" }] },
  });
  await db.prisma.patient.createMany({ data: p.map((id, i) => ({ id, pseudonym: `PSN-CARD-${i}` })) });
  for (const [id, name, role, department] of [
    [alice, "Alice Example", "CLINICIAN", "Cardiology"],
    [dan, "Dan Example", "CLINICIAN", "Cardiology"],
    [erin, "Erin Example", "CLINICIAN", "Oncology"],
    [officer, "Olga Officer", "COMPLIANCE_OFFICER", null],
  ] as const)
    await db.prisma.user.create({
      data: {
        id,
        email: `${name.split(" ")[0]}@card.test`,
        displayName: name,
        role,
        department,
        passwordHash: "x",
        employeePatientId: id === alice ? p[6] : null,
      },
    });
  await db.prisma.accountStatusChange.createMany({
    data: [
      { userId: alice, status: "disabled", byId: officer, createdAt: at(5, "09:00:00") },
      { userId: alice, status: "active", byId: officer, createdAt: at(6, "09:00:00") },
    ],
  });
  const alert = (actorId: string, status: string, createdAt: Date, patientId: string | null) => ({
    kind: "rule",
    ruleId: "after-hours",
    severity: "medium",
    actorId,
    patientId,
    day: createdAt,
    reasonCode: "outside-shift",
    status,
    summary: "after hours",
    details: {},
    createdAt,
  });
  await db.prisma.privacyAlert.createMany({
    data: [
      alert(alice, "closed", at(10, "12:00:00"), p[5]),
      alert(alice, "new", at(28, "21:00:00"), p[0]),
      alert(dan, "new", at(20, "12:00:00"), null),
    ],
  });
  await writeHistoryEvents(pool, history());
  await sealPending({ pool });
  await catchUpConsumer(pool, rollupConsumer);
});
afterAll(async () => {
  await pool.end();
});

describe("readUserFigures", () => {
  it("counts the last 24 h, 7 and 28 days from the rollups, and the user's and peers' usual day", async () => {
    const f = await readUserFigures(db.prisma, { userId: alice, role: "CLINICIAN", department: "Cardiology", now });
    expect(f.windows).toEqual([
      { days: 1, events: 5, denied: 1, patients: 4, eventsPerDay: 5, patientsPerDay: 3 },
      { days: 7, events: 12, denied: 1, patients: 6, eventsPerDay: 12 / 7, patientsPerDay: 12 / 7 },
      { days: 28, events: 22, denied: 1, patients: 8, eventsPerDay: 22 / 28, patientsPerDay: 22 / 28 },
    ]);
    // 19 days from her first active day (10 March) to yesterday: 4 without events, 12 with one.
    expect(f.own).toEqual({ events: 1, patients: 1, days: 19 });
    // Dan's days before today: (4 events, 2 patients), (2, 2), (1 search, 0); Erin is not a peer.
    expect(f.peers).toEqual({ events: 2, patients: 2, days: 3, people: 1 });
  });

  it("gives a user with no history zeros, and peers by role and department", async () => {
    const f = await readUserFigures(db.prisma, { userId: officer, role: "COMPLIANCE_OFFICER", department: null, now });
    expect(f.windows.map((w) => w.events)).toEqual([0, 0, 0]);
    expect(f.own).toEqual({ events: 0, patients: 0, days: 0 });
    expect(f.peers).toEqual({ events: 0, patients: 0, days: 0, people: 0 });
  });
});

describe("readUserCard", () => {
  it("shows the directory facts, the status history and the alerts about the user", async () => {
    const card = (await readUserCard(db.prisma, alice))!;
    expect(card).toMatchObject({
      name: "Alice Example",
      role: "CLINICIAN",
      department: {
        name: "Cardiology",
        timeZone: "Europe/Berlin",
        shifts: [{ weekday: 1, start: "07:00", end: "19:00" }],
      },
      status: "active",
      isAlsoPatient: true,
      statusHistory: [
        { at: at(5, "09:00:00"), status: "disabled", by: "Olga Officer" },
        { at: at(6, "09:00:00"), status: "active", by: "Olga Officer" },
      ],
    });
    expect(card.alerts).toMatchObject({ open: 1, total: 2 });
    expect(card.alerts.recent.map((a) => [a.status, a.patientPseudonym])).toEqual([
      ["new", "PSN-CARD-0"],
      ["closed", "PSN-CARD-5"],
    ]);
    const erinCard = (await readUserCard(db.prisma, erin))!;
    expect(erinCard).toMatchObject({
      department: { name: "Oncology", timeZone: null, shifts: [] },
      isAlsoPatient: false,
    });
    expect(erinCard.alerts).toEqual({ open: 0, total: 0, recent: [] });
  });

  it("answers null for an unknown id", async () => {
    expect(await readUserCard(db.prisma, crypto.randomUUID())).toBeNull();
  });
});
