import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { readHeatmap } from "./read-heatmap";
import { periods, topUsersByDistinctPatients } from "./top-users";

// The readers' contract is over the rollup tables (lib/monitor/rollups keeps them from the sealed
// log, tested in rollups.test.ts), so these tests write rollup rows directly.

let db: TTestDatabase;
const now = new Date("2026-07-15T12:30:00Z"); // a Wednesday, Berlin on summer time (UTC+2)
const alice = crypto.randomUUID();
const bob = crypto.randomUUID();
const carol = crypto.randomUUID();
const patients = Array.from({ length: 12 }, () => crypto.randomUUID());
let cardiology: string;

async function hourly(hour: string, department: string, events: number) {
  await db.prisma.$executeRaw`
    INSERT INTO "AccessHourlyRollup" (hour, type, subtype, action, outcome, "purposeOfUse", "actorRole", department, events)
    VALUES (${new Date(hour)}, 'rest', 'read', 'R', '0', 'TREAT', 'CLINICIAN', ${department}, ${events})`;
}
async function pair(day: string, actorId: string, patientId: string, events = 1) {
  await db.prisma.$executeRaw`
    INSERT INTO "ActorPatientDailyRollup" (day, "actorId", "patientId", events, denied, "firstAt", "lastAt")
    VALUES (${day}::date, ${actorId}::uuid, ${patientId}::uuid, ${events}, 0, ${new Date(day)}, ${new Date(day)})`;
}

beforeAll(async () => {
  db = await createTestDatabase();
  cardiology = (
    await db.prisma.department.create({ data: { name: "Cardiology", timeZone: "Europe/Berlin", shifts: [] } })
  ).id;
  for (const [id, name, department] of [
    [alice, "Alice Example", "Cardiology"],
    [bob, "Bob Example", "Oncology"],
    [carol, "Carol Example", null],
  ] as const) {
    await db.prisma.user.create({
      data: { id, email: `${id}@patterns.test`, displayName: name, role: "CLINICIAN", department, passwordHash: "x" },
    });
  }
  // Cardiology: 5 events at 07:00 UTC on Wednesday 8 July = 09:00 Berlin; Oncology: 2 at the same hour.
  await hourly("2026-07-08T07:00:00Z", "Cardiology", 5);
  await hourly("2026-07-08T07:00:00Z", "Oncology", 2);
  // Outside a 7-day window ending now, inside a 28-day one.
  await hourly("2026-06-24T22:00:00Z", "Cardiology", 3);
  await db.prisma.$executeRaw`
    INSERT INTO "ActorHourlyRollup" (hour, "actorId", events, denied)
    VALUES (${new Date("2026-07-14T23:00:00Z")}, ${alice}::uuid, 4, 1)`;

  // Alice: 6 distinct patients this week (one of them on two days), 2 the week before.
  for (const [i, p] of patients.slice(0, 6).entries()) await pair(`2026-07-${10 + (i % 5)}`, alice, p);
  await pair("2026-07-15", alice, patients[0]);
  await pair("2026-07-05", alice, patients[6]);
  await pair("2026-07-04", alice, patients[7]);
  // Bob: 3 this week, 9 the week before.
  for (const p of patients.slice(0, 3)) await pair("2026-07-12", bob, p);
  for (const p of patients.slice(0, 9)) await pair("2026-07-03", bob, p);
  // Carol: only the week before, so not in this week's list.
  await pair("2026-07-06", carol, patients[0]);
});

describe("readHeatmap", () => {
  const week = { from: new Date("2026-07-09T00:00:00Z"), to: now };
  const month = { from: new Date("2026-06-18T00:00:00Z"), to: now };

  it("shows the whole hospital in UTC", async () => {
    const h = await readHeatmap(db.prisma, { kind: "hospital" }, week);
    expect(h?.timeZone).toBe("UTC");
    expect(h?.total).toBe(0); // 8 July is before the window

    const m = await readHeatmap(db.prisma, { kind: "hospital" }, month);
    expect(m?.total).toBe(10);
    expect(m?.cells[2][7]).toBe(7); // Wednesday 07:00 UTC, both departments
  });

  it("shows a department in its own time zone, and only its events", async () => {
    const h = await readHeatmap(db.prisma, { kind: "department", departmentId: cardiology }, month);
    expect(h?.label).toBe("Cardiology");
    expect(h?.timeZone).toBe("Europe/Berlin");
    expect(h?.cells[2][9]).toBe(5); // Wednesday 09:00 CEST
    expect(h?.cells[3][0]).toBe(3); // 24 June 22:00 UTC is Thursday 00:00 CEST
    expect(h?.total).toBe(8);
  });

  it("shows a user in their department's time zone", async () => {
    const h = await readHeatmap(db.prisma, { kind: "user", userId: alice }, week);
    expect(h?.timeZone).toBe("Europe/Berlin");
    expect(h?.cells[2][1]).toBe(4); // 14 July 23:00 UTC is Wednesday 01:00 CEST
  });

  it("answers null for a department or user that does not exist", async () => {
    expect(await readHeatmap(db.prisma, { kind: "department", departmentId: crypto.randomUUID() }, week)).toBeNull();
    expect(await readHeatmap(db.prisma, { kind: "user", userId: crypto.randomUUID() }, week)).toBeNull();
  });
});

describe("topUsersByDistinctPatients", () => {
  it("ranks by distinct patients over the period, with the period before", async () => {
    const top = await topUsersByDistinctPatients(db.prisma, { days: 7, limit: 10, now });
    expect(top.map((u) => [u.displayName, u.patients, u.previous])).toEqual([
      ["Alice Example", 6, 2],
      ["Bob Example", 3, 9],
    ]);
    expect(top[0]).toMatchObject({ role: "CLINICIAN", department: "Cardiology" });
  });

  it("keeps to the limit", async () => {
    expect(await topUsersByDistinctPatients(db.prisma, { days: 7, limit: 1, now })).toHaveLength(1);
  });

  it("counts whole UTC days, today included", () => {
    expect(periods(7, now)).toEqual({ from: "2026-07-09", to: "2026-07-16", previousFrom: "2026-07-02" });
  });
});
