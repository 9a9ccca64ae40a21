// Creating the owner and app roles. The embedded server does it as its bootstrap superuser at
// every start (so the attributes and the passwords in .secrets are always the ones in force);
// `npm run db:roles` does it for the app role on an external server, as the owner.
import pg from "pg";
import { checkedRoleName } from "./grant-sql";

export type TRoleLogin = { name: string; password: string };

/** Attributes no role of ours may have: each would let it step around the privileges. */
const LESSER = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION";

/**
 * CREATE ROLE when missing, then its attributes and password. Needs a superuser: only a superuser
 * may state NOSUPERUSER/NOBYPASSRLS, and stating them is what repairs a role someone widened.
 */
export function renderEnsureRoleSql(role: TRoleLogin): string[] {
  const name = checkedRoleName(role.name);
  return [
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${pg.escapeLiteral(name)}) THEN CREATE ROLE ${name}; END IF; END $$`,
    `ALTER ROLE ${name} LOGIN ${LESSER} PASSWORD ${pg.escapeLiteral(role.password)}`,
  ];
}

/** Both roles, the app role not a member of the owner (membership would lend it the owner's rights). */
export async function ensureRoles(superuser: pg.ClientBase, roles: { owner: TRoleLogin; app: TRoleLogin }) {
  const sql = [
    ...renderEnsureRoleSql(roles.owner),
    ...renderEnsureRoleSql(roles.app),
    `REVOKE ${checkedRoleName(roles.owner.name)} FROM ${checkedRoleName(roles.app.name)}`,
  ];
  await superuser.query(sql.join(";\n"));
}

export type TRoleProblem = { code: string; problem: string };

/** What is wrong with the app role for least privilege; empty when nothing is. */
export async function appRoleProblems(
  client: pg.ClientBase,
  appRole: string,
  ownerRole: string,
): Promise<TRoleProblem[]> {
  const { rows } = await client.query(
    `SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb, r.rolreplication,
            EXISTS (SELECT FROM pg_roles o WHERE o.rolname = $2) AND pg_has_role(r.rolname, $2, 'USAGE') AS "inheritsOwner",
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relowner = r.oid) AS owned
       FROM pg_roles r WHERE r.rolname = $1`,
    [appRole, ownerRole],
  );
  const r = rows[0];
  if (!r) return [{ code: "missing", problem: `role ${appRole} does not exist` }];
  const problems: TRoleProblem[] = [];
  const flag = (on: boolean, code: string, problem: string) => on && problems.push({ code, problem });
  flag(r.rolsuper, "superuser", `${appRole} is a superuser: it can disable the append-only triggers`);
  flag(r.rolbypassrls, "bypassrls", `${appRole} has BYPASSRLS`);
  flag(r.rolcreaterole, "createrole", `${appRole} has CREATEROLE: it can create a role with more rights`);
  flag(r.rolcreatedb, "createdb", `${appRole} has CREATEDB`);
  flag(r.rolreplication, "replication", `${appRole} has REPLICATION`);
  flag(r.inheritsOwner, "owner_member", `${appRole} is a member of ${ownerRole} and so has the owner's rights`);
  flag(
    r.owned > 0,
    "owns_tables",
    `${appRole} owns ${r.owned} relation(s) in schema public: an owner can drop triggers`,
  );
  return problems;
}
