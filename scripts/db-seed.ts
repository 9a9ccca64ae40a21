// `npm run db:seed`: load deterministic demo data into an empty database.
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { openLocalDatabase } from "../lib/db/local-database";
import { createPrismaClient } from "../lib/db/prisma";
import { isDatabaseEmpty, seedDemo } from "../prisma/seed/seed-demo";

loadLocalSecrets({ newLogSigningKey });
const db = await openLocalDatabase();
const prisma = createPrismaClient(db.url);
try {
  if (!(await isDatabaseEmpty(prisma))) {
    console.log("database already has data; nothing seeded");
  } else {
    const t0 = Date.now();
    const s = await seedDemo(prisma);
    console.log(
      `seeded ${s.patients} patients, ${s.records} records, ${s.staff} staff, ${s.accounts} demo accounts in ${Date.now() - t0} ms`,
    );
  }
} finally {
  await prisma.$disconnect();
  await db.stop();
}
