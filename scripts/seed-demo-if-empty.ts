// Shared by `npm start`, `npm run dev`, the e2e server and `npm run db:seed`: an empty database
// gets the demo data when lib/config/demo-seeding.ts allows it, and a line saying why not when not.
import { decideDemoSeeding } from "../lib/config/demo-seeding";
import { runtimeEnv } from "../lib/config/runtime-env";
import type { PrismaClient } from "../lib/db/prisma";
import { isDatabaseEmpty, seedDemo } from "../prisma/seed/seed-demo";

/** Throws DemoSeedingRefused when the demo was asked for with NODE_ENV=production. */
export async function seedDemoIfEmpty(prisma: PrismaClient, input: { embedded: boolean }, log: (m: string) => void) {
  if (!(await isDatabaseEmpty(prisma))) return;
  const decision = decideDemoSeeding({
    embedded: input.embedded,
    asked: process.argv.includes("--demo") || runtimeEnv().HL_SEED_DEMO === "1",
    nodeEnv: process.env.NODE_ENV,
  });
  if (!decision.seed) {
    log(`empty database, not seeding demo data: ${decision.reason}`);
    return;
  }
  log("seeding deterministic demo data");
  const t0 = Date.now();
  const s = await seedDemo(prisma, { historyDays: runtimeEnv().HL_DEMO_HISTORY_DAYS });
  const history = s.history
    ? `, ${s.history.days} days of history (${s.history.events} access events, ${s.history.breakGlass} break-glass, ${s.history.planted.length} planted snooping cases)`
    : "";
  log(
    `seeded ${s.patients} patients, ${s.records} records, ${s.staff} staff, ${s.accounts} demo accounts${history} in ${Date.now() - t0} ms`,
  );
}
