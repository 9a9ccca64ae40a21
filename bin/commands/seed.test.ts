import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { addCareTeamMembers } from "@/lib/access/care-team/add-care-team-members";
import { seedDemo } from "@/prisma/seed/seed-demo";

const run = promisify(execFile);
let db: TTestDatabase;

async function cli(...args: string[]) {
  try {
    const r = await run("node_modules/.bin/tsx", ["--conditions=react-server", "bin/healthledger.ts", ...args], {
      env: { ...process.env, DATABASE_URL: db.url },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.prisma, { patients: 40, staff: 24, historyDays: 0 });
  // The demo's care teams come with its history; a scale run works from whatever teams exist.
  const clinicians = await db.prisma.user.findMany({ where: { role: "CLINICIAN" }, select: { id: true } });
  const patients = await db.prisma.patient.findMany({ select: { id: true } });
  await db.prisma.$transaction((tx) =>
    addCareTeamMembers(tx, {
      members: patients.map((p, i) => ({
        patientId: p.id,
        userId: clinicians[i % clinicians.length]!.id,
        byId: clinicians[0]!.id,
      })),
    }),
  );
}, 120_000);

describe("healthledger seed --events", () => {
  it("adds exactly N events over the last D days, every one sealed, and verify passes", async () => {
    const before = await db.prisma.accessEvent.count();
    const r = await cli("seed", "--events", "3000", "--days", "7", "--seed", "11");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote 3,000 access events over 7 days in [\d.]+ s \([\d,]+ events\/s\)/);
    expect(await db.prisma.accessEvent.count()).toBe(before + 3000);
    const [row] = await db.prisma.$queryRaw<{ unsealed: bigint; oldest: Date; queued: bigint }[]>`
      SELECT (SELECT count(*) FROM "AccessEvent" a WHERE NOT EXISTS
                (SELECT 1 FROM "LedgerEntry" e WHERE e.kind = 'access_event' AND e."rowId" = a.id)) AS unsealed,
             (SELECT min(recorded) FROM "AccessEvent") AS oldest,
             (SELECT count(*) FROM "LedgerQueue") AS queued`;
    expect(Number(row.unsealed)).toBe(0);
    expect(Number(row.queued)).toBe(0);
    expect(Date.now() - row.oldest.getTime()).toBeLessThan(7 * 86_400_000 + 60_000);
    expect(Date.now() - row.oldest.getTime()).toBeGreaterThan(5 * 86_400_000);
    const v = await cli("verify", "--json");
    expect(v.code, v.stdout).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, findings: [] });
  });

  it("refuses a count that is not a positive whole number, writing nothing", async () => {
    const before = await db.prisma.accessEvent.count();
    for (const bad of ["0", "-5", "1e3", "many"]) {
      const r = await cli("seed", "--events", bad);
      expect(r.code, bad).not.toBe(0);
      expect(r.stderr, bad).toMatch(/--events must be a whole number/);
    }
    expect(await db.prisma.accessEvent.count()).toBe(before);
  });

  it("with --staff and --patients first grows the hospital, and the events spread over the new people", async () => {
    const [users, patients, events] = await Promise.all([
      db.prisma.user.count(),
      db.prisma.patient.count(),
      db.prisma.accessEvent.count(),
    ]);
    const r = await cli("seed", "--events", "2000", "--days", "2", "--staff", "12", "--patients", "30", "--seed", "5");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/added 12 staff and 30 patients \([\d,]+ care-team memberships\)/);
    expect(await db.prisma.user.count()).toBe(users + 12);
    expect(await db.prisma.patient.count()).toBe(patients + 30);
    expect(await db.prisma.accessEvent.count()).toBe(events + 2000);
    // Every new patient is on a care team, and the new staff are among those at work.
    const newPatients = await db.prisma.patient.findMany({ orderBy: { createdAt: "desc" }, take: 30 });
    const onTeams = await db.prisma.careTeamChange.findMany({
      where: { patientId: { in: newPatients.map((p) => p.id) } },
      distinct: ["patientId"],
    });
    expect(onTeams.length).toBeGreaterThanOrEqual(25); // restricted patients (VIP, deceased) get none
    const newStaff = await db.prisma.user.findMany({ orderBy: { createdAt: "desc" }, take: 12, select: { id: true } });
    const working = await db.prisma.accessEvent.groupBy({
      by: ["actorId"],
      where: { actorId: { in: newStaff.map((u) => u.id) } },
    });
    expect(working.length).toBeGreaterThanOrEqual(6);
    const v = await cli("verify", "--json");
    expect(v.code, v.stdout).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, findings: [] });
  });

  it("refuses --staff or --patients that are not whole numbers, writing nothing", async () => {
    const [users, patients] = await Promise.all([db.prisma.user.count(), db.prisma.patient.count()]);
    for (const bad of [
      ["--staff", "-1"],
      ["--staff", "2.5"],
      ["--patients", "many"],
      ["--patients", "1000001"],
    ]) {
      const r = await cli("seed", "--events", "10", ...bad);
      expect(r.code, bad.join(" ")).not.toBe(0);
      expect(r.stderr, bad.join(" ")).toMatch(new RegExp(`${bad[0]} must be a whole number from 0 to 1000000`));
    }
    expect(await db.prisma.user.count()).toBe(users);
    expect(await db.prisma.patient.count()).toBe(patients);
  });
});
