// Shared by `npm start`, `npm run dev` and the e2e web server: secrets, database, migrations,
// demo data. Returns the environment the Next.js server must run with.
import { execFileSync } from "node:child_process";
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { validateServerEnvironment } from "../lib/config/env";
import { childEnv, runtimeEnv, setDatabaseUrl } from "../lib/config/runtime-env";
import { openLocalDatabase, type TLocalDatabase } from "../lib/db/local-database";
import { migrateDatabase } from "../lib/db/migrate";
import { createPrismaClient } from "../lib/db/prisma";
import { isDatabaseEmpty, seedDemo } from "../prisma/seed/seed-demo";

export type TRuntime = { db: TLocalDatabase; env: NodeJS.ProcessEnv };

function step(message: string) {
  console.log(`› ${message}`);
}

export async function prepareRuntime(): Promise<TRuntime> {
  loadLocalSecrets({ newLogSigningKey });
  step(runtimeEnv().DATABASE_URL ? "using DATABASE_URL" : "starting embedded PostgreSQL");
  const db = await openLocalDatabase();
  setDatabaseUrl(db.url);
  try {
    validateServerEnvironment();
  } catch (err) {
    await db.stop();
    throw err;
  }
  step("generating the Prisma client");
  execFileSync("node_modules/.bin/prisma", ["generate"], { stdio: ["ignore", "ignore", "inherit"] });
  step("applying migrations");
  migrateDatabase(db.url);
  const prisma = createPrismaClient(db.url, 4);
  try {
    if (await isDatabaseEmpty(prisma)) {
      step("seeding deterministic demo data");
      const s = await seedDemo(prisma);
      step(`seeded ${s.patients} patients, ${s.records} records, ${s.staff} staff, ${s.accounts} demo accounts`);
    }
  } finally {
    await prisma.$disconnect();
  }
  return { db, env: childEnv({ DATABASE_URL: db.url }) };
}
