// The monitor benchmark's database: the demo (accounts, staff, care teams, its month of history),
// then N events from the scale seeder (`healthledger seed --events N`), sealed as the CLI seals.
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { LedgerPool } from "../../lib/ledger/ledger-pool";
import { sealPendingAndRecord } from "../../lib/ledger/rollback/record-checkpoint";
import { seedDemo } from "../../prisma/seed/seed-demo";
import { growWorld } from "../../prisma/seed/history/grow-world";
import { seedScaleEvents } from "../../prisma/seed/history/seed-scale";

export type TSeedFigures = { events: number; writeRate: number; sealRate: number; totalRate: number };

export async function seedBenchDatabase(
  prisma: PrismaClient,
  pool: LedgerPool,
  o: { events: number; days: number; staff?: number; patients?: number },
): Promise<TSeedFigures> {
  console.log("seeding the demo (accounts, staff, care teams, 30 days of history) …");
  const demo = await seedDemo(prisma, { historyDays: 30 });
  await sealPendingAndRecord(pool);
  console.log(`  ${demo.history?.events.toLocaleString("en-US") ?? 0} demo events`);
  if (o.staff || o.patients) {
    const t = performance.now();
    const added = await growWorld(prisma, {
      staff: o.staff ?? 0,
      patients: o.patients ?? 0,
      seed: 2026,
      careTeamSince: new Date(Date.now() - (o.days + 30) * 86_400_000),
    });
    await sealPendingAndRecord(pool);
    console.log(
      `  added ${added.staff.toLocaleString("en-US")} staff, ${added.patients.toLocaleString("en-US")} patients, ${added.careTeamMembers.toLocaleString("en-US")} care-team memberships in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }

  console.log(`scale seeder: ${o.events.toLocaleString("en-US")} events over ${o.days} days …`);
  const t0 = performance.now();
  let last = 0;
  const written = await seedScaleEvents(prisma, pool, {
    events: o.events,
    days: o.days,
    seed: 2026,
    onProgress: (n) => {
      if (n - last < 100_000 && n < o.events) return;
      last = n;
      const s = (performance.now() - t0) / 1000;
      console.log(`  ${n.toLocaleString("en-US")} written (${Math.round(n / s).toLocaleString("en-US")} events/s)`);
    },
  });
  const wrote = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const sealed = await sealPendingAndRecord(pool);
  const sealing = (performance.now() - t1) / 1000;
  console.log(`  sealed ${sealed.sealed.toLocaleString("en-US")} leaves in ${sealing.toFixed(1)} s`);
  return {
    events: written,
    writeRate: written / wrote,
    sealRate: sealed.sealed / sealing,
    totalRate: written / (wrote + sealing),
  };
}
