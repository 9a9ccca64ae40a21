// Shared by `npm start`, `npm run dev` and the e2e web server: secrets, database, migrations,
// demo data. Returns the environment the Next.js server must run with.
import { execFileSync } from "node:child_process";
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { validateServerEnvironment } from "../lib/config/env";
import {
  childEnv,
  DEFAULT_CHECKPOINT_STATE_FILE,
  LEGACY_CHECKPOINT_STATE_FILE,
  runtimeEnv,
  setDatabaseUrl,
} from "../lib/config/runtime-env";
import { openLocalDatabase, type TLocalDatabase } from "../lib/db/local-database";
import { migrateDatabase } from "../lib/db/migrate";
import { createPrismaClient } from "../lib/db/prisma";
import { moveLegacyStateFile } from "../lib/ledger/rollback/local-file-store";
import { DemoSeedingRefused } from "../lib/config/demo-seeding";
import { seedDemoIfEmpty } from "./seed-demo-if-empty";

export type TRuntime = { db: TLocalDatabase; env: NodeJS.ProcessEnv };

function step(message: string) {
  console.log(`› ${message}`);
}

/** `production`: the server will run with NODE_ENV=production (`npm start`), so check what that requires. */
export async function prepareRuntime(options: { production: boolean }): Promise<TRuntime> {
  loadLocalSecrets({ newLogSigningKey });
  const embedded = !runtimeEnv().DATABASE_URL;
  if (embedded && !runtimeEnv().HL_CHECKPOINT_STATE_FILE) {
    // The embedded demo keeps its issued checkpoints beside its generated secrets, outside .data/
    // (production, with its own database, must name the file: see .env.example).
    process.env.HL_CHECKPOINT_STATE_FILE = DEFAULT_CHECKPOINT_STATE_FILE;
    if (await moveLegacyStateFile({ from: LEGACY_CHECKPOINT_STATE_FILE, to: DEFAULT_CHECKPOINT_STATE_FILE }))
      step(`moved ${LEGACY_CHECKPOINT_STATE_FILE} to ${DEFAULT_CHECKPOINT_STATE_FILE} (out of the database directory)`);
  }
  step(embedded ? "starting embedded PostgreSQL" : "using DATABASE_URL");
  const db = await openLocalDatabase();
  setDatabaseUrl(db.url);
  try {
    validateServerEnvironment(options.production ? { ...process.env, NODE_ENV: "production" } : process.env);
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
    await seedDemoIfEmpty(prisma, { embedded: db.embedded }, step);
  } catch (err) {
    if (!(err instanceof DemoSeedingRefused)) throw err;
    await db.stop();
    console.error(err.message);
    process.exit(2);
  } finally {
    await prisma.$disconnect();
  }
  return { db, env: childEnv({ DATABASE_URL: db.url }) };
}
