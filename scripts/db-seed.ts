// `npm run db:seed [-- --demo]`: load deterministic demo data into an empty database (the embedded
// one, or DATABASE_URL with --demo or HL_SEED_DEMO=1; never with NODE_ENV=production).
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { setDatabaseUrl } from "../lib/config/runtime-env";
import { DemoSeedingRefused } from "../lib/config/demo-seeding";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { openLocalDatabase } from "../lib/db/local-database";
import { createPrismaClient } from "../lib/db/prisma";
import { isDatabaseEmpty } from "../prisma/seed/seed-demo";
import { seedDemoIfEmpty } from "./seed-demo-if-empty";

loadLocalSecrets({ newLogSigningKey });
const db = await openLocalDatabase();
// The history's bulk writer talks to the database through the ledger's pool, which reads it here.
setDatabaseUrl(db.url);
const prisma = createPrismaClient(db.url);
try {
  if (!(await isDatabaseEmpty(prisma))) console.log("database already has data; nothing seeded");
  else await seedDemoIfEmpty(prisma, { embedded: db.embedded }, console.log);
} catch (err) {
  if (!(err instanceof DemoSeedingRefused)) throw err;
  console.error(err.message);
  process.exitCode = 2;
} finally {
  await prisma.$disconnect();
  await db.stop();
}
