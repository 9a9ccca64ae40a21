// Insert-to-alert lag with the app's sequencer and monitor running: planted findings (a clinician
// opening the chart of a patient who died two months ago, the deceased rule) are written through
// the app's write path one after another, and each is timed from its commit to the moment its
// alert row can be read. Each plant is a new (actor, patient) pair, so none is absorbed by the
// (rule, actor, patient, day) dedup of an earlier one.
import type pg from "pg";
import { recordAccessEvent } from "../../lib/access/record-access-event";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { flagPatient } from "../../lib/vault/flag-patient";
import { percentile } from "../report";

const POLL_MS = 100;
const WAIT_AFTER_LAST_MS = 120_000;
const DAY_MS = 86_400_000;

export type TLagFigures = { samples: number; found: number; p50: number; p95: number; max: number };

/** Waits until the rules consumer has read every sealed leaf (the backlog of the load phases). */
export async function waitForMonitor(pool: pg.Pool, timeoutMs = 600_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ behind: string }>(
      `SELECT ((SELECT "treeSize" FROM "LedgerBlock" ORDER BY height DESC LIMIT 1)
               - 1 - coalesce((SELECT "ledgerIndex" FROM "MonitorWatermark" WHERE consumer = 'rules'), -1))::text AS behind`,
    );
    if (Number(rows[0].behind) <= 0) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`monitor still ${rows[0].behind} leaves behind`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function measureLag(
  prisma: PrismaClient,
  pool: pg.Pool,
  o: { samples: number; intervalMs: number },
): Promise<TLagFigures> {
  const officer = await prisma.user.findUniqueOrThrow({ where: { email: "compliance@healthledger.test" } });
  const clinicians = await prisma.user.findMany({
    where: { role: "CLINICIAN", disabled: false },
    orderBy: { id: "asc" },
  });
  const patients = await prisma.patient.findMany({
    where: { erasedAt: null, deceasedAt: null, flags: { none: {} } },
    orderBy: { id: "asc" },
    take: o.samples,
    select: { id: true },
  });
  if (patients.length < o.samples) throw new Error(`only ${patients.length} unflagged patients to plant findings on`);
  const died = new Date(Date.now() - 60 * DAY_MS);
  await prisma.$transaction((tx) =>
    Promise.all(
      patients.map((p) => flagPatient(tx, { patientId: p.id, flag: "deceased", activeFrom: died, byId: officer.id })),
    ),
  );

  const inserted = new Map<string, number>();
  const lags: number[] = [];
  let planting = true;
  const poller = (async () => {
    let lastInsert = performance.now();
    while (planting || (inserted.size > 0 && performance.now() - lastInsert < WAIT_AFTER_LAST_MS)) {
      if (planting) lastInsert = performance.now();
      const { rows } = await pool.query<{ eventId: string }>(
        `SELECT unnest("eventIds")::text AS "eventId" FROM "PrivacyAlert" WHERE "ruleId" = 'deceased' AND "patientId" = ANY($1::uuid[])`,
        [patients.map((p) => p.id)],
      );
      const now = performance.now();
      for (const r of rows) {
        const at = inserted.get(r.eventId);
        if (at === undefined) continue;
        lags.push(now - at);
        inserted.delete(r.eventId);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  for (let i = 0; i < o.samples; i++) {
    const event = await recordAccessEvent(prisma, {
      type: "rest",
      subtype: "read",
      action: "R",
      outcome: "0",
      actorId: clinicians[i % clinicians.length].id,
      actorRole: "CLINICIAN",
      purposeOfUse: "TREAT",
      patientId: patients[i].id,
    });
    inserted.set(event.id, performance.now());
    await new Promise((r) => setTimeout(r, o.intervalMs));
  }
  planting = false;
  await poller;
  const sorted = lags.sort((a, b) => a - b);
  // A plant whose alert never came counts as no lag figure at all: the p95 is then reported as missed.
  const missing = o.samples - sorted.length;
  return {
    samples: o.samples,
    found: sorted.length,
    p50: missing ? Infinity : percentile(sorted, 50),
    p95: missing ? Infinity : percentile(sorted, 95),
    max: missing ? Infinity : sorted.at(-1)!,
  };
}
