// Shared by `npm start`, `npm run dev` and the e2e web server: secrets, database, migrations,
// demo data. Returns the environment the Next.js server must run with.
import { execFileSync } from "node:child_process";
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { ensureEvidenceFiles } from "../lib/config/evidence-files";
import { issueEvidenceCertificates } from "../lib/reports/certificates/issue-evidence-certificates";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { validateServerEnvironment } from "../lib/config/env";
import {
  childEnv,
  DEFAULT_CHECKPOINT_STATE_FILE,
  LEGACY_CHECKPOINT_STATE_FILE,
  OWNER_ONLY_VARIABLES,
  runtimeEnv,
  setDatabaseUrl,
} from "../lib/config/runtime-env";
import { openLocalDatabase, type TLocalDatabase } from "../lib/db/local-database";
import { migrateAndGrant } from "../lib/db/migrate";
import { warnAboutAppRole } from "../lib/db/roles/check-app-role";
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
  await ensureEvidenceFiles({ issue: (organization) => issueEvidenceCertificates({ organization }) });
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
  if (db.upgraded)
    step(
      "converted the embedded database to its own roles (healthledger_owner, healthledger_app; docs/database-roles.md)",
    );
  setDatabaseUrl(db.url);
  try {
    validateServerEnvironment(options.production ? { ...process.env, NODE_ENV: "production" } : process.env);
  } catch (err) {
    await db.stop();
    throw err;
  }
  step("generating the Prisma client");
  execFileSync("node_modules/.bin/prisma", ["generate"], { stdio: ["ignore", "ignore", "inherit"] });
  step("applying migrations as the schema owner, then the app role's grants");
  const migrated = await migrateAndGrant({ ownerUrl: db.ownerUrl, appUrl: db.url }).catch(async (err) => {
    await db.stop();
    throw err;
  });
  await warnAboutAppRole({ appUrl: db.url, ownerUrl: db.ownerUrl, singleRole: migrated.singleRole }, console.warn);
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
  // The app server gets the app role's connection and nothing that would let it act as the owner.
  const ownerOnly = Object.fromEntries(OWNER_ONLY_VARIABLES.map((name) => [name, undefined]));
  return { db, env: childEnv({ ...ownerOnly, DATABASE_URL: db.url }) };
}
