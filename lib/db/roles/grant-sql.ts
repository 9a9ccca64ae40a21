// The SQL that gives the app role exactly the privileges of lib/db/roles/table-privileges.ts.
// Idempotent: it revokes everything the app role holds in the schema, then grants the list, so a
// privilege removed from the list is gone after the next start, and a table added by a migration
// gets its grants right after it. Default privileges (ALTER DEFAULT PRIVILEGES) are deliberately
// not used: a new table gets nothing until it is classified.
import pg from "pg";
import { TABLE_PRIVILEGES, type TTablePrivileges } from "./table-privileges";
import { ZRoleNamePattern } from "./role-names";

export type TGrantSqlOptions = {
  appRole: string;
  /** The database the grants are for (CONNECT, no TEMPORARY). */
  database: string;
  /** server_version_num: MAINTAIN exists from PostgreSQL 17 (170000). */
  serverVersionNum: number;
  tables?: Record<string, TTablePrivileges>;
};

const id = (name: string) => pg.escapeIdentifier(name);

/** Refuses a role name that is not a plain lower-case identifier (it ends up in GRANT statements). */
export function checkedRoleName(name: string): string {
  if (!ZRoleNamePattern.test(name)) throw new Error(`role name "${name.slice(0, 64)}" must match ${ZRoleNamePattern}`);
  return name;
}

function tableGrants(table: string, p: TTablePrivileges, role: string, maintain: boolean): string[] {
  if (p.class === "migrations") return [];
  const t = `${id("public")}.${id(table)}`;
  const out = [`GRANT ${["SELECT", "INSERT", ...(p.delete ? ["DELETE"] : [])].join(", ")} ON ${t} TO ${role}`];
  if (p.update === "all") out.push(`GRANT UPDATE ON ${t} TO ${role}`);
  else if (p.update?.length) out.push(`GRANT UPDATE (${p.update.map(id).join(", ")}) ON ${t} TO ${role}`);
  if (p.maintain && maintain) out.push(`GRANT MAINTAIN ON ${t} TO ${role}`);
  return out;
}

/** The statements, in order; run them in one transaction as the tables' owner. */
export function renderGrantSql(o: TGrantSqlOptions): string[] {
  const role = id(checkedRoleName(o.appRole));
  const db = id(o.database);
  const maintain = o.serverVersionNum >= 170000;
  const tables = o.tables ?? TABLE_PRIVILEGES;
  return [
    // No DDL for anyone but the owner: PostgreSQL before 15 let every role create in public.
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `REVOKE ALL ON SCHEMA public FROM ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    // Temporary tables are DDL too, and the app never needs one.
    `REVOKE TEMPORARY ON DATABASE ${db} FROM PUBLIC`,
    `REVOKE ALL ON DATABASE ${db} FROM ${role}`,
    `GRANT CONNECT ON DATABASE ${db} TO ${role}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`,
    // nextval for the bigserial ids (LedgerQueue, LedgerRefusedEntry); USAGE has no setval.
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    ...Object.entries(tables).flatMap(([table, p]) => tableGrants(table, p, role, maintain)),
  ];
}

/** Apply the grants through a connection of the tables' owner, in one transaction. */
export async function applyGrants(owner: pg.ClientBase, appRole: string): Promise<void> {
  const { rows } = await owner.query<{ db: string; v: number }>(
    `SELECT current_database() AS db, current_setting('server_version_num')::int AS v`,
  );
  const sql = renderGrantSql({ appRole, database: rows[0].db, serverVersionNum: rows[0].v });
  // One simple-protocol query: PostgreSQL runs it as one implicit transaction, so the app never
  // sees a moment with its privileges revoked and not yet granted back.
  await owner.query(sql.join(";\n"));
}
