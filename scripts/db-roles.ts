// `npm run db:roles [-- --print]`: give an external database the app role of
// docs/database-roles.md. Connects as the schema owner (HL_DATABASE_OWNER_URL), creates the role
// DATABASE_URL names if it is missing (the owner then needs CREATEROLE), refuses a role that is a
// superuser or the owner's member, applies the migrations as the owner and grants exactly
// lib/db/roles/table-privileges.ts (npm start repeats the last two at every start).
// `--print` writes the SQL instead, for a DBA to run (roles first, as a superuser).
import pg from "pg";
import { runtimeEnv } from "../lib/config/runtime-env";
import { poolConfigFromUrl } from "../lib/db/pool-config";
import { appRoleProblems, renderEnsureRoleSql } from "../lib/db/roles/ensure-roles";
import { checkedRoleName, renderGrantSql } from "../lib/db/roles/grant-sql";
import { migrateAndGrant } from "../lib/db/migrate";

function fail(message: string): never {
  console.error(`db:roles: ${message}`);
  process.exit(2);
}

const env = runtimeEnv();
if (!env.DATABASE_URL)
  fail(
    "set DATABASE_URL (the app's role) and HL_DATABASE_OWNER_URL (the owner's); the embedded database needs neither",
  );
const app = poolConfigFromUrl(env.DATABASE_URL);
const appRole = checkedRoleName(app.user);

if (process.argv.includes("--print")) {
  console.log("-- 1. As a superuser: the app's role (set its password to DATABASE_URL's).");
  console.log(
    renderEnsureRoleSql({ name: appRole, password: "CHANGE-ME" })
      .map((s) => `${s};`)
      .join("\n"),
  );
  console.log(`\n-- 2. As the owner of the tables, in database ${app.database}, after the migrations:`);
  console.log(
    renderGrantSql({ appRole, database: app.database, serverVersionNum: 170000 })
      .map((s) => `${s};`)
      .join("\n"),
  );
  console.log("-- (GRANT MAINTAIN needs PostgreSQL 17; leave it out on older servers.)");
  process.exit(0);
}

if (!env.HL_DATABASE_OWNER_URL) fail("set HL_DATABASE_OWNER_URL to the connection of the role that owns the tables");
const ownerConfig = poolConfigFromUrl(env.HL_DATABASE_OWNER_URL);
if (ownerConfig.user === appRole)
  fail("DATABASE_URL and HL_DATABASE_OWNER_URL name the same role: give the app its own");
const owner = new pg.Client(ownerConfig);
await owner.connect();
try {
  const exists = await owner.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [appRole]);
  if (!exists.rowCount) {
    // Without SUPERUSER, only LOGIN and the password may be stated; every other attribute is off by default.
    await owner
      .query(`CREATE ROLE ${appRole} LOGIN PASSWORD ${pg.escapeLiteral(app.password)}`)
      .catch((err: { code?: string; message: string }) =>
        fail(
          err.code === "42501"
            ? `the owner may not create roles: have a superuser create ${appRole} (npm run db:roles -- --print), then run this again`
            : err.message,
        ),
      );
    console.log(`created role ${appRole}`);
  }
  const problems = await appRoleProblems(owner, appRole, ownerConfig.user);
  if (problems.length) fail(problems.map((p) => p.problem).join("; "));
} finally {
  await owner.end();
}
// The grants name every table, so the schema must be complete first: migrate as the owner.
await migrateAndGrant({ ownerUrl: env.HL_DATABASE_OWNER_URL, appUrl: env.DATABASE_URL });
console.log(
  `migrated, and granted ${appRole} the privileges of lib/db/roles/table-privileges.ts on ${ownerConfig.database}`,
);
