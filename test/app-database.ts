// The app's database on a cluster a test started itself (test/pg-cluster.ts): the roles of
// docs/database-roles.md, a database owned by the owner role, migrated through `prisma migrate
// deploy` and granted, exactly as `npm run db:roles` and `npm start` leave an external server.
import crypto from "node:crypto";
import pg from "pg";
import { embeddedUrls } from "@/lib/db/embedded-postgres";
import { migrateAndGrant } from "@/lib/db/migrate";
import { ensureRoles } from "@/lib/db/roles/ensure-roles";
import { APP_ROLE, OWNER_ROLE } from "@/lib/db/roles/role-names";
import type { TPgCluster } from "./pg-cluster";

export type TAppDatabase = { database: string; appUrl: string; ownerUrl: string; superuserUrl: string };

export async function installAppDatabase(cluster: TPgCluster, database = "healthledger"): Promise<TAppDatabase> {
  const one = () => crypto.randomBytes(18).toString("base64url");
  const passwords = { superuser: cluster.password, owner: one(), app: one() };
  const urls = embeddedUrls({ port: cluster.port, database, passwords });
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  try {
    await ensureRoles(admin, {
      owner: { name: OWNER_ROLE, password: passwords.owner },
      app: { name: APP_ROLE, password: passwords.app },
    });
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${OWNER_ROLE}`);
    // As lib/db/roles/grant-sql.ts does: the app role may not create temporary tables.
    await admin.query(`REVOKE TEMPORARY ON DATABASE ${pg.escapeIdentifier(database)} FROM PUBLIC`);
  } finally {
    await admin.end();
  }
  await migrateAndGrant({ ownerUrl: urls.ownerUrl, appUrl: urls.appUrl });
  return { database, appUrl: urls.appUrl, ownerUrl: urls.ownerUrl, superuserUrl: cluster.url(database) };
}

/** The same connection string on another database of the same server. */
export function onDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
