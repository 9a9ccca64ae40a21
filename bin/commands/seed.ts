import type { Command } from "commander";
import { loadLocalSecrets } from "../../lib/config/local-secrets";
import { setDatabaseUrl } from "../../lib/config/runtime-env";
import { openLocalDatabase } from "../../lib/db/local-database";
import { createPrismaClient } from "../../lib/db/prisma";
import { createLedgerPool } from "../../lib/ledger/ledger-pool";
import { newLogSigningKey } from "../../lib/ledger/log-keys";
import { sealPendingAndRecord } from "../../lib/ledger/rollback/record-checkpoint";
import { growWorld, MAX_GROW } from "../../prisma/seed/history/grow-world";
import { seedScaleEvents } from "../../prisma/seed/history/seed-scale";
import { progressBar } from "../progress-bar";

const MAX_EVENTS = 100_000_000;

function wholeNumber(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
}
const positiveInt = (name: string, max: number) => wholeNumber(name, 1, max);

export function registerSeedCommand(program: Command) {
  program
    .command("seed")
    .description(
      "add generated access events (the demo's shifts and habits, scaled) over the last days, anchored like any other; for scale runs",
    )
    .requiredOption("--events <n>", "how many events to add", positiveInt("--events", MAX_EVENTS))
    .option("--days <d>", "spread them over the last d days", positiveInt("--days", 3650), 30)
    .option("--seed <s>", "generator seed (default: from the clock)", positiveInt("--seed", 2 ** 31))
    .option(
      "--staff <n>",
      "first add n staff (three clinicians to one officer)",
      wholeNumber("--staff", 0, MAX_GROW),
      0,
    )
    .option(
      "--patients <n>",
      "first add n patients, each with a home department and one or two of its clinicians",
      wholeNumber("--patients", 0, MAX_GROW),
      0,
    )
    .action(async (flags: { events: number; days: number; seed?: number; staff: number; patients: number }) => {
      loadLocalSecrets({ newLogSigningKey });
      const db = await openLocalDatabase();
      setDatabaseUrl(db.url);
      const prisma = createPrismaClient(db.url);
      const pool = createLedgerPool(db.url, 2);
      const bar = progressBar("seeding");
      try {
        if (flags.staff + flags.patients > 0) {
          const grown = progressBar("adding staff and patients");
          const t = Date.now();
          const added = await growWorld(prisma, {
            staff: flags.staff,
            patients: flags.patients,
            seed: flags.seed,
            // Before the first event: the new clinicians are on their care teams throughout.
            careTeamSince: new Date(Date.now() - (flags.days + 30) * 86_400_000),
            onProgress: (n, total) => grown.update(n, total),
          });
          grown.done();
          console.log(
            `added ${added.staff.toLocaleString("en-US")} staff and ${added.patients.toLocaleString("en-US")} patients (${added.careTeamMembers.toLocaleString("en-US")} care-team memberships) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
          );
        }
        const t0 = Date.now();
        const written = await seedScaleEvents(prisma, pool, {
          events: flags.events,
          days: flags.days,
          seed: flags.seed,
          onProgress: (n) => bar.update(n, flags.events),
        });
        bar.done();
        const ms = Date.now() - t0;
        console.log(
          `wrote ${written.toLocaleString("en-US")} access events over ${flags.days} days in ${(ms / 1000).toFixed(1)} s (${Math.round(written / (ms / 1000)).toLocaleString("en-US")} events/s)`,
        );
        const t1 = Date.now();
        const sealed = await sealPendingAndRecord(pool);
        console.log(
          `sealed ${sealed.sealed.toLocaleString("en-US")} leaves in ${sealed.blocks} blocks in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
        );
      } catch (err) {
        bar.done();
        console.error((err as Error).message);
        process.exitCode = 1;
      } finally {
        await pool.end();
        await prisma.$disconnect();
        await db.stop();
      }
    });
}
