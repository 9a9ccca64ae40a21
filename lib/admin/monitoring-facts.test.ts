import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { getLeafKind, leafTextFor } from "@/lib/ledger/kinds";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { loadActiveRuleSet } from "@/lib/monitor/load-rule-set";
import { DEFAULT_RULE_SET, DEFAULT_RULE_SET_CONFIG } from "@/lib/monitor/rules/rule-set";
import { blindIndex } from "@/lib/vault/blind-index";
import { flagPatient } from "@/lib/vault/flag-patient";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { activateRuleSet } from "./activate-rule-set";
import { setUserDisabled } from "./set-user-disabled";
import { terminateUser } from "./terminate-user";

let db: TTestDatabase;
let adminId: string;
let officerId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.prisma, { patients: 30, staff: 12 });
  adminId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@healthledger.test" } })).id;
  officerId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "compliance@healthledger.test" } })).id;
});

const leavesOf = async (kind: "patient_flag" | "account_status_change" | "monitor_rule_set") => {
  const su = await db.superuser();
  const table = {
    patient_flag: "PatientFlag",
    account_status_change: "AccountStatusChange",
    monitor_rule_set: "MonitorRuleSet",
  }[kind];
  const { rows } = await su.query(`SELECT * FROM "${table}"`);
  await su.end();
  return rows.map((row) => leafTextFor(getLeafKind(kind), row));
};

describe("monitoring facts in the demo seed", () => {
  it("has departments with zones and shifts, a VIP, a deceased patient, an employee-patient and a terminated account", async () => {
    const departments = await db.prisma.department.findMany();
    expect(departments.map((d) => d.name)).toContain("Emergency Medicine");
    expect(departments.every((d) => d.timeZone === "America/New_York")).toBe(true);
    const flags = await db.prisma.patientFlag.findMany();
    expect(flags.map((f) => f.flag).sort()).toEqual(["deceased", "vip"]);
    expect(await db.prisma.patient.count({ where: { deceasedAt: { not: null } } })).toBe(1);
    expect(await db.prisma.user.count({ where: { employeePatientId: { not: null } } })).toBe(1);
    const terminated = await db.prisma.user.findFirstOrThrow({ where: { terminatedAt: { not: null } } });
    expect(terminated.disabled).toBe(true);
  });

  it("indexes a next of kin and a prior address that match staff, by blind index only", async () => {
    const contact = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "User" u JOIN "PatientIdentityIndex" i ON i.kind = 'contactName' AND i.value = u."lastNameIndex"`;
    const prior = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "User" u JOIN "PatientIdentityIndex" i ON i.kind = 'priorAddress' AND i.value = u."addressIndex"`;
    expect(Number(contact[0]!.n)).toBeGreaterThan(0);
    expect(Number(prior[0]!.n)).toBeGreaterThan(0);
    const su = await db.superuser();
    const { rows } = await su.query(`SELECT t::text AS row FROM "PatientIdentityIndex" t`);
    await su.end();
    expect(rows.map((r) => r.row).join("\n")).not.toContain("Sam");
    expect(rows.some((r) => r.row.includes(blindIndex("lastName", "nobody")))).toBe(false);
  });
});

describe("acts on monitoring facts", () => {
  it("flags a VIP with a period and anchors it without the dates in the leaf", async () => {
    const patient = await db.prisma.patient.findFirstOrThrow({ where: { deceasedAt: null }, orderBy: { id: "desc" } });
    const from = new Date("2026-11-01T00:00:00.000Z");
    const to = new Date("2026-12-31T00:00:00.000Z");
    const row = await db.prisma.$transaction((tx) =>
      flagPatient(tx, { patientId: patient.id, flag: "confidential", activeFrom: from, activeTo: to, byId: officerId }),
    );
    await sealPending();
    const leaves = (await leavesOf("patient_flag")).join("\n");
    expect(leaves).toContain(row.id);
    for (const date of [from, to]) {
      expect(leaves).not.toContain(date.toISOString());
      expect(leaves).not.toContain(date.toISOString().slice(0, 10));
    }
    expect((await verifyLedger()).findings).toEqual([]);
  });

  it("refuses a period that ends before it starts, and an end to a date of death", async () => {
    const patient = await db.prisma.patient.findFirstOrThrow();
    const flag = (o: object) =>
      db.prisma.$transaction((tx) =>
        flagPatient(tx, {
          patientId: patient.id,
          flag: "vip",
          activeFrom: new Date("2026-02-01"),
          byId: officerId,
          ...o,
        }),
      );
    await expect(flag({ activeTo: new Date("2026-01-01") })).rejects.toThrow(ZodError);
    await expect(flag({ flag: "deceased", activeTo: new Date("2026-03-01") })).rejects.toThrow(ZodError);
  });

  it("keeps an anchored status history across disable, enable and termination; a terminated account stays disabled", async () => {
    const user = await db.prisma.user.findFirstOrThrow({
      where: { role: "CLINICIAN", terminatedAt: null, disabled: false },
    });
    await setUserDisabled(db.prisma, { actorId: adminId, userId: user.id, disabled: true });
    await setUserDisabled(db.prisma, { actorId: adminId, userId: user.id, disabled: false });
    await terminateUser(db.prisma, { actorId: adminId, userId: user.id });
    await expect(setUserDisabled(db.prisma, { actorId: adminId, userId: user.id, disabled: false })).rejects.toThrow(
      /terminated/,
    );
    await expect(terminateUser(db.prisma, { actorId: adminId, userId: user.id })).rejects.toThrow(/already terminated/);
    const history = await db.prisma.accountStatusChange.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(history.map((h) => h.status)).toEqual(["disabled", "active", "terminated"]);
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ disabled: true });
    expect(after.terminatedAt).toEqual(history[2]!.createdAt);
    // History: the app role may not delete it (and the trigger stops the owner).
    await expect(db.prisma.accountStatusChange.delete({ where: { id: history[0]!.id } })).rejects.toThrow(
      /permission denied/,
    );
    await sealPending();
    expect((await verifyLedger()).findings).toEqual([]);
  });

  it("activates rule-set versions as anchored admin acts, and loads the latest by its hash", async () => {
    expect(await loadActiveRuleSet(db.prisma)).toMatchObject({ version: 0, hash: DEFAULT_RULE_SET.hash });
    const stricter = {
      ...DEFAULT_RULE_SET_CONFIG,
      repeatedDenials: { ...DEFAULT_RULE_SET_CONFIG.repeatedDenials, minDenials: 3 },
    };
    const first = await activateRuleSet(db.prisma, { actorId: adminId, config: DEFAULT_RULE_SET_CONFIG });
    const second = await activateRuleSet(db.prisma, { actorId: adminId, config: stricter });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(first.hash).toBe(DEFAULT_RULE_SET.hash);
    const active = await loadActiveRuleSet(db.prisma);
    expect(active).toMatchObject({ version: 2, hash: second.hash });
    expect(active.config.repeatedDenials.minDenials).toBe(3);
    await expect(activateRuleSet(db.prisma, { actorId: adminId, config: { ...stricter, vip: {} } })).rejects.toThrow(
      ZodError,
    );
    await expect(activateRuleSet(db.prisma, { actorId: officerId, config: stricter })).rejects.toThrow(/administrator/);
    expect(await db.prisma.adminAction.count({ where: { action: "monitor.rule_set_activate" } })).toBe(2);
    await sealPending();
    expect((await leavesOf("monitor_rule_set")).join("\n")).toContain(second.hash);
    expect((await verifyLedger()).findings).toEqual([]);
  });

  it("refuses a stored rule set whose config no longer matches its anchored hash", async () => {
    const su = await db.superuser();
    await su.query(`ALTER TABLE "MonitorRuleSet" DISABLE TRIGGER "MonitorRuleSet_append_only"`);
    await su.query(
      `UPDATE "MonitorRuleSet" SET config = jsonb_set(config, '{repeatedDenials,minDenials}', '50') WHERE version = 2`,
    );
    await su.query(`ALTER TABLE "MonitorRuleSet" ENABLE TRIGGER "MonitorRuleSet_append_only"`);
    await su.end();
    await expect(loadActiveRuleSet(db.prisma)).rejects.toThrow(/does not match its recorded hash/);
  });
});
