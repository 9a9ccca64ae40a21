// The database roles of the embedded PostgreSQL, and the defaults `npm run db:roles` creates on an
// external one (docs/database-roles.md). Plain identifiers, so they never need quoting.

/** Owns the schema and every table; migrations run as this role. */
export const OWNER_ROLE = "healthledger_owner";
/** The app, the sequencer, the monitor and the CLI: only the privileges of lib/db/roles/table-privileges.ts. */
export const APP_ROLE = "healthledger_app";
/** The embedded server's bootstrap superuser (initdb's user): creates the roles and the database, nothing else. */
export const SUPERUSER_ROLE = "postgres";

/** A role name we are willing to put into SQL unquoted-equivalent: lower-case letters, digits, _. */
export const ZRoleNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;
