import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { formatDuration, getTriageTime } from "./get-triage-time";

let db: TTestDatabase;
const NOW = new Date(Date.UTC(2026, 11, 6, 12, 0, 0));
const MIN = 60_000;
const officer = crypto.randomUUID();
const clinician = crypto.randomUUID();

/** An alert raised `agoMin` minutes before NOW, with its raising transition (as the writers make it). */
async function raise(agoMin: number, raisedBy: string | null = null): Promise<{ id: string; at: Date }> {
  const id = crypto.randomUUID();
  const at = new Date(NOW.getTime() - agoMin * MIN);
  await db.prisma.privacyAlert.create({
    data: {
      id,
      kind: raisedBy ? "break_glass" : "rule",
      ruleId: raisedBy ? "break-glass-declared" : "co-worker",
      severity: "medium",
      actorId: clinician,
      patientId: crypto.randomUUID(),
      day: new Date(at.toISOString().slice(0, 10)),
      reasonCode: "x",
      summary: "x",
      details: {},
      createdAt: at,
    },
  });
  await db.prisma.privacyAlertTransition.create({
    data: { alertId: id, toStatus: "new", byId: raisedBy, createdAt: at },
  });
  return { id, at };
}

const step = (alertId: string, at: Date, afterMin: number, toStatus = "under_review") =>
  db.prisma.privacyAlertTransition.create({
    data: { alertId, fromStatus: "new", toStatus, byId: officer, createdAt: new Date(at.getTime() + afterMin * MIN) },
  });

beforeAll(async () => {
  db = await createTestDatabase();
});

describe("getTriageTime", () => {
  it("is null with nothing raised, and counts every untriaged alert", async () => {
    expect(await getTriageTime(db.prisma, NOW)).toEqual({ raised: 0, triaged: 0, untriaged: 0, medianSeconds: null });
  });

  it("takes the median of raising → first officer action over the last 30 days, acknowledgements included", async () => {
    // Reviewed 10 min after raising, then closed: the first action counts, not the last.
    const a = await raise(60);
    await step(a.id, a.at, 10);
    await step(a.id, a.at, 50, "closed");
    // Acknowledged (no transition) after 30 min.
    const b = await raise(120);
    await db.prisma.privacyAlertAcknowledgement.create({
      data: { alertId: b.id, acknowledgedById: officer, createdAt: new Date(b.at.getTime() + 30 * MIN) },
    });
    // Taken after 2 h, two days ago.
    const c = await raise(2 * 24 * 60);
    await step(c.id, c.at, 120);
    // A declared break-glass: its raising names the clinician, which is not a triage.
    await raise(15, clinician);
    // Never looked at.
    await raise(5);
    // Outside the window: triaged in a second, but 31 days ago.
    const old = await raise(31 * 24 * 60);
    await step(old.id, old.at, 0.01);
    // Raised after NOW (a clock ahead of ours): not in the window.
    await raise(-5);

    expect(await getTriageTime(db.prisma, NOW)).toEqual({
      raised: 5,
      triaged: 3,
      untriaged: 2,
      medianSeconds: 30 * 60,
    });
  });

  it("formats durations in the unit an officer reads", () => {
    expect([42, 17 * 60, 3.5 * 3600, 2.1 * 86_400].map(formatDuration)).toEqual([
      "42 s",
      "17 min",
      "3.5 h",
      "2.1 days",
    ]);
  });
});
