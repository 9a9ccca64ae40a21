import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { childEnv } from "@/lib/config/runtime-env";
import { applyGrants } from "./roles/grant-sql";
import { poolConfigFromUrl } from "./pool-config";

/** Apply committed migrations with Prisma's WASM schema engine (works offline), as `databaseUrl`'s role. */
export function migrateDatabase(databaseUrl: string) {
  const bin = path.resolve("node_modules/.bin/prisma");
  execFileSync(bin, ["migrate", "deploy"], {
    env: childEnv({ DATABASE_URL: databaseUrl }),
    stdio: ["ignore", "pipe", "inherit"],
  });
}

export type TMigrateAndGrantResult = {
  /** The app connects as the owner: nothing was granted, and the app can do whatever the owner can. */
  singleRole: boolean;
};

/**
 * Migrate as the schema's owner, then give the app role exactly its privileges
 * (lib/db/roles/table-privileges.ts), so a table a migration added is usable at once. Every
 * start does both; both are idempotent.
 */
export async function migrateAndGrant(o: { ownerUrl: string; appUrl: string }): Promise<TMigrateAndGrantResult> {
  migrateDatabase(o.ownerUrl);
  const appRole = poolConfigFromUrl(o.appUrl).user;
  if (appRole === poolConfigFromUrl(o.ownerUrl).user) return { singleRole: true };
  const owner = new pg.Client(poolConfigFromUrl(o.ownerUrl));
  await owner.connect();
  try {
    await requireOwnedSchema(owner);
    await applyGrants(owner, appRole).catch((err: { code?: string }) => {
      if (err.code !== "42704") throw err;
      throw new Error(`The app's role "${appRole}" (DATABASE_URL) does not exist: create it with npm run db:roles.`);
    });
  } finally {
    await owner.end();
  }
  return { singleRole: false };
}

/**
 * A GRANT on someone else's table is a warning, not an error, and grants nothing: so check first
 * that the role that migrated owns every table it is about to grant on.
 */
async function requireOwnedSchema(owner: pg.ClientBase) {
  const { rows } = await owner.query<{ t: string; o: string }>(
    `SELECT c.relname AS t, pg_get_userbyid(c.relowner) AS o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
      ORDER BY 1 LIMIT 5`,
  );
  if (rows.length)
    throw new Error(
      `Tables are owned by another role than HL_DATABASE_OWNER_URL's (${rows.map((r) => `"${r.t}" by ${r.o}`).join(", ")}, …): ` +
        "hand them to the owner first (docs/database-roles.md, moving an existing database).",
    );
}
