// `npm run db:migrate`: apply prisma/migrations to DATABASE_URL or the embedded PostgreSQL, as
// the schema owner (HL_DATABASE_OWNER_URL, or the embedded healthledger_owner), then the app
// role's grants.
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { openLocalDatabase } from "../lib/db/local-database";
import { migrateAndGrant } from "../lib/db/migrate";
import { warnAboutAppRole } from "../lib/db/roles/check-app-role";

loadLocalSecrets({ newLogSigningKey });
const db = await openLocalDatabase();
try {
  const migrated = await migrateAndGrant({ ownerUrl: db.ownerUrl, appUrl: db.url });
  console.log(migrated.singleRole ? "migrations applied" : "migrations applied; app role's grants applied");
  await warnAboutAppRole({ appUrl: db.url, ownerUrl: db.ownerUrl, singleRole: migrated.singleRole }, console.warn);
} finally {
  await db.stop();
}
