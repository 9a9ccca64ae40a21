import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { getOverview } from "../get-overview";
import { listPrivacyAlerts } from "../testing/list-privacy-alerts";
import { escalatePrivacyAlert } from "./escalate-privacy-alert";
import { rollupConsumer } from "../rollups/rollup-consumer";
import { seedRulesHistory } from "../testing/rules-history";
import { catchUpConsumer } from "../watermark/advance-consumer";
import { changePrivacyAlerts } from "./change-privacy-alert";
import { createRulesConsumer } from "./rules-consumer";

let db: TTestDatabase;
let pool: LedgerPool;
let officer: User;
let officer2: User;
let alertIds: string[];

const snapshot = async () => ({
  alerts: await db.prisma.privacyAlert.findMany({ orderBy: { id: "asc" } }),
  transitions: await db.prisma.privacyAlertTransition.count(),
  queued: await db.prisma.ledgerQueue.count(),
});
const transitionsOf = (alertId: string) =>
  db.prisma.privacyAlertTransition.findMany({ where: { alertId }, orderBy: { createdAt: "asc" } });

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
  alertIds = (await db.prisma.privacyAlert.findMany({ where: { kind: "rule" }, orderBy: { id: "asc" } })).map(
    (a) => a.id,
  );
  expect(alertIds.length).toBeGreaterThan(5);
});
afterAll(async () => {
  await pool.end();
});

describe("alert states", () => {
  it("takes an alert from new to under review (owned by the reviewer) to closed with a reason, each step anchored", async () => {
    const [id] = alertIds;
    await changePrivacyAlerts(db.prisma, { alertIds: [id], change: { action: "start_review" }, byId: officer.id });
    await changePrivacyAlerts(db.prisma, {
      alertIds: [id],
      change: { action: "set_priority", priority: "1" },
      byId: officer.id,
    });
    await changePrivacyAlerts(db.prisma, {
      alertIds: [id],
      change: { action: "close", reasonCode: "clinical-care" },
      byId: officer.id,
    });
    expect(await db.prisma.privacyAlert.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "closed",
      closeReason: "clinical-care",
      ownerId: officer.id,
      priority: 1,
    });
    const steps = await transitionsOf(id!);
    expect(steps.map((t) => [t.fromStatus, t.toStatus, t.reasonCode, t.byId])).toEqual([
      [null, "new", expect.any(String), null],
      ["new", "under_review", null, officer.id],
      ["under_review", "under_review", null, officer.id],
      ["under_review", "closed", "clinical-care", officer.id],
    ]);
    await sealPending({ pool });
    const anchored = await db.prisma.ledgerEntry.count({
      where: { kind: "alert_transition", rowId: { in: steps.map((t) => t.id) } },
    });
    expect(anchored).toBe(4);
    expect((await verifyLedger()).findings).toEqual([]);
  });

  it("refuses what the states do not allow, a reason off the list and an owner who is no officer, writing nothing", async () => {
    const [closed, open] = alertIds;
    const clinician = await db.prisma.user.findUniqueOrThrow({ where: { email: "clinician@healthledger.test" } });
    const before = await snapshot();
    const attempts: [unknown, unknown, RegExp | string][] = [
      [[closed], { action: "start_review" }, "it no longer changes"],
      // Escalation opens or joins a case, through its own path only.
      [[open], { action: "escalate" }, "escalated into a privacy case"],
      [[open], { action: "close", reasonCode: "because I said so" }, "Choose why the alert is closed."],
      [[open], { action: "close" }, "Choose why the alert is closed."],
      [[open], { action: "assign", ownerId: clinician.id }, "only to an active compliance officer"],
      [[open], { action: "set_priority", priority: 9 }, "Choose a priority from 1 to 4."],
      [[open], { action: "delete" }, "Choose what to do with the alert."],
      [["not-an-id"], { action: "start_review" }, "No such alert."],
      [["00000000-0000-4000-8000-000000000000"], { action: "start_review" }, "No such alert."],
      [[], { action: "start_review" }, "Select at least one alert."],
      // One closed alert among open ones refuses the whole bulk change.
      [[open, closed], { action: "close", reasonCode: "duplicate" }, "no longer changes"],
    ];
    for (const [ids, change, message] of attempts)
      await expect(
        changePrivacyAlerts(db.prisma, { alertIds: ids, change, byId: officer.id }),
        JSON.stringify(change),
      ).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });

  it("closes many alerts with one reason, escalates another, and the overview counts only open ones", async () => {
    const open = alertIds.slice(1);
    const [escalated, ...rest] = open;
    await changePrivacyAlerts(db.prisma, {
      alertIds: [escalated],
      change: { action: "assign", ownerId: officer2.id },
      byId: officer.id,
    });
    await escalatePrivacyAlert(db.prisma, { alertId: escalated!, byId: officer2.id });
    const bulk = rest.slice(0, 3);
    expect(
      await changePrivacyAlerts(db.prisma, {
        alertIds: bulk,
        change: { action: "close", reasonCode: "false-positive" },
        byId: officer.id,
      }),
    ).toEqual({ changed: 3 });
    const rows = await db.prisma.privacyAlert.findMany({ where: { id: { in: open } } });
    expect(rows.filter((r) => r.status === "closed").map((r) => r.closeReason)).toEqual(
      bulk.map(() => "false-positive"),
    );
    expect(rows.find((r) => r.id === escalated)).toMatchObject({ status: "escalated", ownerId: officer2.id });

    const stillOpen = await db.prisma.privacyAlert.findMany({ where: { status: { in: ["new", "under_review"] } } });
    const overview = await getOverview(db.prisma);
    expect(overview.openAlerts).toBe(stillOpen.length);
    const bySeverity: Record<string, number> = {};
    for (const a of stillOpen) bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
    expect(overview.openAlertsBySeverity).toEqual(bySeverity);
    expect(overview.openAlerts).toBe(
      alertIds.length - 5 + (await db.prisma.privacyAlert.count({ where: { kind: "break_glass", status: "new" } })),
    );

    const listed = await listPrivacyAlerts(db.prisma, { status: "escalated" });
    expect(listed.map((a) => a.id)).toEqual([escalated]);
    expect(listed[0]).toMatchObject({ status: "escalated", owner: officer2.displayName });
  });
});
