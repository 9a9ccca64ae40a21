// Cases on a real PostgreSQL: escalation is one transaction with the alerts' transitions, one
// actor's escalations (even concurrent ones) share one case, refused changes write nothing, every
// change is anchored, and case free text is never stored in plaintext.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TCurrentUser } from "@/lib/auth/current-user";
import type { PrivacyAlert, User } from "@/lib/generated/prisma/client";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { dumpDatabase } from "@/test/dump-database";
import { createRulesConsumer } from "../alerts/rules-consumer";
import { rollupConsumer } from "../rollups/rollup-consumer";
import { seedRulesHistory } from "../testing/rules-history";
import { catchUpConsumer } from "../watermark/advance-consumer";
import { changePrivacyCase } from "./change-privacy-case";
import { escalateAlertsToCase } from "./escalate-alerts-to-case";
import { getPrivacyCase } from "./get-privacy-case";
import { buildRuleSet, DEFAULT_RULE_SET_CONFIG } from "../rules/rule-set";
import { listPrivacyCases } from "./list-privacy-cases";

// The case route as a client sees it, with the session replaced by a chosen user.
let currentUser: TCurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => currentUser }));

let db: TTestDatabase;
let pool: LedgerPool;
let officer: User;
let officer2: User;
/** Rule alerts grouped by actor, the actors with the most alerts first. */
let byActor: PrivacyAlert[][];

const TEXT = {
  note: "Spoke with the nurse manager: she looked up her neighbour's HIV test result",
  nature: "Full chart including psychiatric notes and the home address",
  recipient: "A registered nurse, bound by the workforce confidentiality agreement",
  acquired: "The audit log shows the lab results screen open for four minutes",
  mitigation: "Access revoked the same day; written attestation of non-disclosure",
};

const snapshot = async () => ({
  cases: await db.prisma.privacyCase.findMany({ orderBy: { id: "asc" } }),
  caseTransitions: await db.prisma.privacyCaseTransition.count(),
  alerts: await db.prisma.privacyAlert.findMany({ orderBy: { id: "asc" } }),
  alertTransitions: await db.prisma.privacyAlertTransition.count(),
  queued: await db.prisma.ledgerQueue.count(),
});

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 2);
  await seedRulesHistory(db.prisma, pool);
  await sealPending({ pool });
  await catchUpConsumer(pool, rollupConsumer);
  await catchUpConsumer(pool, createRulesConsumer());
  await sealPending({ pool });
  officer = await db.prisma.user.findUniqueOrThrow({ where: { email: "compliance@healthledger.test" } });
  officer2 = await db.prisma.user.findUniqueOrThrow({ where: { email: "compliance2@healthledger.test" } });
  const alerts = await db.prisma.privacyAlert.findMany({
    where: { kind: "rule", actorId: { not: null } },
    orderBy: { id: "asc" },
  });
  const groups = new Map<string, PrivacyAlert[]>();
  for (const a of alerts) groups.set(a.actorId!, [...(groups.get(a.actorId!) ?? []), a]);
  byActor = [...groups.values()].sort((a, b) => b.length - a.length);
  expect(byActor.length).toBeGreaterThanOrEqual(3);
  expect(byActor[0]!.length).toBeGreaterThanOrEqual(3);
  expect(byActor[1]!.length).toBeGreaterThanOrEqual(2);
});
afterAll(async () => {
  await pool.end();
});

describe("escalating alerts into a case", () => {
  it("refuses alerts about two staff members and writes nothing", async () => {
    const before = await snapshot();
    await expect(
      escalateAlertsToCase(db.prisma, { alertIds: [byActor[0]![0]!.id, byActor[1]![0]!.id], byId: officer.id }),
    ).rejects.toMatchObject({ code: "unprocessable", message: expect.stringMatching(/one staff member/) });
    expect(await snapshot()).toEqual(before);
  });

  it("opens one case for the actor, escalates the alerts and anchors every step in one transaction", async () => {
    const [a, b, c] = byActor[0]!;
    const first = await escalateAlertsToCase(db.prisma, { alertIds: [a!.id, b!.id], byId: officer.id });
    expect(first).toMatchObject({ opened: true, escalated: 2 });
    const again = await escalateAlertsToCase(db.prisma, { alertIds: [c!.id], byId: officer2.id });
    expect(again).toMatchObject({ caseId: first.caseId, opened: false, escalated: 1 });
    const alerts = await db.prisma.privacyAlert.findMany({ where: { id: { in: [a!.id, b!.id, c!.id] } } });
    expect(alerts.map((x) => [x.status, x.caseId])).toEqual(alerts.map(() => ["escalated", first.caseId]));
    const kase = await db.prisma.privacyCase.findUniqueOrThrow({ where: { id: first.caseId } });
    expect(kase).toMatchObject({
      actorId: a!.actorId,
      state: "intake",
      ownerId: officer.id,
      discoveredHow: "rule_alert",
    });
    const steps = await db.prisma.privacyCaseTransition.findMany({
      where: { caseId: first.caseId },
      orderBy: { id: "asc" },
    });
    expect(steps.map((s) => [s.action, s.alertIds.length])).toEqual([
      ["opened", 2],
      ["alerts_added", 1],
    ]);
    await sealPending({ pool });
    expect(
      await db.prisma.ledgerEntry.count({ where: { kind: "case_transition", rowId: { in: steps.map((s) => s.id) } } }),
    ).toBe(2);
    expect((await verifyLedger()).findings).toEqual([]);
  });

  it("refuses an alert that is already escalated, and writes nothing", async () => {
    const before = await snapshot();
    await expect(
      escalateAlertsToCase(db.prisma, { alertIds: [byActor[0]![0]!.id], byId: officer.id }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await snapshot()).toEqual(before);
  });

  it("gives two officers escalating one actor's alerts at the same moment one case", async () => {
    const [a, b] = byActor[1]!;
    const results = await Promise.all([
      escalateAlertsToCase(db.prisma, { alertIds: [a!.id], byId: officer.id }),
      escalateAlertsToCase(db.prisma, { alertIds: [b!.id], byId: officer2.id }),
    ]);
    expect(results[0]!.caseId).toBe(results[1]!.caseId);
    expect(results.map((r) => r.opened).sort()).toEqual([false, true]);
    expect(await db.prisma.privacyCase.count({ where: { actorId: a!.actorId! } })).toBe(1);
  });
});

describe("working a case", () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await db.prisma.privacyCase.findFirstOrThrow({ where: { actorId: byActor[0]![0]!.actorId! } })).id;
  });
  const change = (c: unknown, now?: Date) => changePrivacyCase(db.prisma, { caseId, change: c, byId: officer.id, now });
  const assessment = {
    action: "assess",
    levels: { nature: "high", recipient: "low", acquired: "high", mitigation: "medium" },
    rationales: {
      nature: TEXT.nature,
      recipient: TEXT.recipient,
      acquired: TEXT.acquired,
      mitigation: TEXT.mitigation,
    },
    exceptions: [],
  };

  it("refuses a future discovery date and a breach without assessment, writing nothing", async () => {
    const kase = await db.prisma.privacyCase.findUniqueOrThrow({ where: { id: caseId } });
    const before = await snapshot();
    await expect(
      change({
        action: "intake",
        discoveredAt: new Date(Date.now() + 86_400_000).toISOString(),
        discoveredHow: "audit",
      }),
    ).rejects.toMatchObject({ code: "unprocessable", message: expect.stringMatching(/future|first escalation/) });
    await expect(change(assessment)).rejects.toMatchObject({ code: "unprocessable" });
    await change({ action: "start_investigation" });
    await expect(change({ action: "determine", determination: "breach", sanctionTier: "2" })).rejects.toMatchObject({
      code: "unprocessable",
      message: expect.stringMatching(/risk assessment/),
    });
    await expect(change({ action: "note", text: "x".repeat(4001) })).rejects.toThrow(/4000/);
    const after = await snapshot();
    expect(after.caseTransitions).toBe(before.caseTransitions + 1);
    expect(after.cases.find((c) => c.id === caseId)).toMatchObject({
      ...kase,
      state: "investigating",
      updatedAt: expect.any(Date),
    });
  });

  it("takes a case through intake, notes, assessment, determination, notification and closing, each step anchored", async () => {
    const kase = await db.prisma.privacyCase.findUniqueOrThrow({ where: { id: caseId } });
    const discovered = new Date(kase.createdAt.getTime() - 3 * 86_400_000);
    await change({ action: "intake", discoveredAt: discovered.toISOString(), discoveredHow: "complaint" });
    await change({ action: "note", text: TEXT.note });
    await change(assessment);
    await expect(
      change({ action: "determine", determination: "violation_not_breach", sanctionTier: 1 }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/presumed a breach/) });
    await change({ action: "determine", determination: "breach", sanctionTier: 2 });
    await expect(change({ action: "close" })).rejects.toMatchObject({ message: expect.stringMatching(/notification/) });
    await change({ action: "notify", notifiedAt: new Date().toISOString() });
    expect((await change({ action: "close" })).state).toBe("closed");
    await expect(change({ action: "start_investigation" })).rejects.toMatchObject({ message: /closed/ });

    const view = await getPrivacyCase(db.prisma, caseId);
    expect(view.state).toBe("closed");
    expect(view.discoveredAt).toEqual(discovered);
    expect(view.notes.map((n) => n.text)).toEqual([TEXT.note]);
    expect(view.assessment).toMatchObject({
      levels: assessment.levels,
      conclusion: "presumed_breach",
      rationales: assessment.rationales,
    });
    expect(view.alerts).toHaveLength(3);
    expect(view.accesses.length).toBeGreaterThan(0);
    expect(view.accesses.every((e) => e.patient === null || /^pt_[A-Za-z0-9_-]+$/.test(e.patient))).toBe(true);
    // Discovered three days before the case opened: the 72 hours had run out by the notification.
    expect(view.clocks.map((c) => [c.rule.id, c.status])).toEqual([
      ["gdpr_art33", "late"],
      ["ca_hsc_1280_15", "met"],
      ["hipaa_individual", "met"],
    ]);
    expect(view.history.map((h) => h.action)).toEqual([
      "opened",
      "alerts_added",
      "start_investigation",
      "intake",
      "note",
      "assess",
      "determine",
      "notify",
      "close",
    ]);
    await sealPending({ pool });
    expect((await verifyLedger()).findings).toEqual([]);
  });

  it("never stores a note or a rationale in plaintext, and a rewritten note fails verification", async () => {
    const { text } = await dumpDatabase(db.superuserUrl);
    expect(text).toContain("PrivacyCaseTransition");
    for (const needle of [...Object.values(TEXT), "HIV test", "psychiatric"]) expect(text.includes(needle)).toBe(false);
    const leaves = await db.prisma.ledgerEntry.findMany({ where: { kind: "case_transition" } });
    expect(leaves.length).toBeGreaterThanOrEqual(9);
    const su = await db.superuser();
    try {
      await su.query(`ALTER TABLE "PrivacyCaseTransition" DISABLE TRIGGER USER`);
      await su.query(
        `UPDATE "PrivacyCaseTransition" SET sealed = sealed || '\\x00'::bytea WHERE "caseId" = $1 AND action = 'note'`,
        [caseId],
      );
      await su.query(`ALTER TABLE "PrivacyCaseTransition" ENABLE TRIGGER USER`);
    } finally {
      await su.end();
    }
    expect((await verifyLedger()).findings.map((f) => f.table)).toContain("PrivacyCaseTransition");
  });
});

describe("the case queue", () => {
  it("lists open cases with their alert count and nearest clock, filters by actor and overdue, and pages by keyset", async () => {
    const open = await listPrivacyCases(db.prisma, { params: new URLSearchParams() });
    expect(open.cases.every((c) => c.state !== "closed")).toBe(true);
    const second = open.cases.find((c) => c.actorId === byActor[1]![0]!.actorId);
    expect(second).toMatchObject({
      alerts: 2,
      state: "intake",
      nearest: { rule: { id: "gdpr_art33" }, status: "running" },
    });
    const all = await listPrivacyCases(db.prisma, { params: new URLSearchParams({ state: "all", limit: "1" }) });
    expect(all.cases).toHaveLength(1);
    expect(all.nextCursor).not.toBeNull();
    const page2 = await listPrivacyCases(db.prisma, {
      params: new URLSearchParams({ state: "all", limit: "1", cursor: all.nextCursor! }),
    });
    expect(page2.cases[0]!.id).not.toBe(all.cases[0]!.id);
    const later = new Date(Date.now() + 5 * 86_400_000);
    const overdue = await listPrivacyCases(db.prisma, { params: new URLSearchParams({ overdue: "yes" }), now: later });
    expect(overdue.cases.map((c) => c.id)).toContain(second!.id);
    expect((await listPrivacyCases(db.prisma, { params: new URLSearchParams({ overdue: "yes" }) })).cases).toEqual([]);
    await expect(listPrivacyCases(db.prisma, { params: new URLSearchParams({ state: "bogus" }) })).rejects.toThrow();
  });
});

describe("GET /api/monitor/cases/:id", () => {
  it("records each answer as one anchored consultation per patient the case names; a refused one records nothing", async () => {
    const { GET } = await import("@/app/api/monitor/cases/[id]/route");
    const get = (id: string) =>
      GET(new Request(`http://hl.test/api/monitor/cases/${id}`), { params: Promise.resolve({ id }) });
    const c = await db.prisma.privacyCase.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    const alerts = await db.prisma.privacyAlert.findMany({ where: { caseId: c.id } });
    const cited = await db.prisma.accessEvent.findMany({ where: { id: { in: alerts.flatMap((a) => a.eventIds) } } });
    const patients = new Set([...alerts, ...cited].map((x) => x.patientId).filter((p) => p !== null));
    expect(patients.size).toBeGreaterThan(0);
    currentUser = { ...officer, name: officer.displayName, mfaEnabled: true } as unknown as TCurrentUser;
    const before = await db.prisma.accessEvent.count();
    expect((await get(c.id)).status).toBe(200);
    const views = await db.prisma.accessEvent.findMany({ where: { entityWhat: `PrivacyCase/${c.id}` } });
    expect(new Set(views.map((v) => v.patientId))).toEqual(patients);
    expect(views.every((v) => v.actorId === officer.id && v.action === "R" && v.outcome === "0")).toBe(true);
    const queued = await db.prisma.ledgerQueue.count({
      where: { kind: "access_event", rowId: { in: views.map((v) => v.id) } },
    });
    expect(queued).toBe(views.length);
    expect((await get("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect(await db.prisma.accessEvent.count()).toBe(before + patients.size);
  });
});

describe("case clocks from the rule set in force", () => {
  it("run the fixed HIPAA and GDPR clocks and the configured others, shortest first, instead of the built-in California one", async () => {
    const c = await db.prisma.privacyCase.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    expect((await getPrivacyCase(db.prisma, c.id, { withText: false })).clocks.map((k) => k.rule.id)).toEqual([
      "gdpr_art33",
      "ca_hsc_1280_15",
      "hipaa_individual",
    ]);
    const washington = {
      id: "wa_rcw_19_255",
      label: "Washington residents (30 days)",
      citation: "RCW 19.255.010(8)",
      unit: "calendar_days",
      amount: 30,
      timeZone: "America/Los_Angeles",
    } as const;
    const ruleSet = buildRuleSet({ ...DEFAULT_RULE_SET_CONFIG, otherClocks: [washington] });
    const version = ((await db.prisma.monitorRuleSet.aggregate({ _max: { version: true } }))._max.version ?? 0) + 1;
    await db.prisma.monitorRuleSet.create({
      data: { version, hash: ruleSet.hash, config: ruleSet.config, activatedById: officer.id },
    });
    const view = await getPrivacyCase(db.prisma, c.id, { withText: false });
    expect(view.clocks.map((k) => k.rule.id)).toEqual(["gdpr_art33", "wa_rcw_19_255", "hipaa_individual"]);
    const wa = view.clocks[1]!;
    expect(wa.dueAt.getTime() - c.discoveredAt.getTime()).toBeGreaterThanOrEqual(30 * 86_400_000 - 3_600_000);
    expect(wa.dueAt.getTime() - c.discoveredAt.getTime()).toBeLessThanOrEqual(30 * 86_400_000 + 3_600_000);
  });
});
