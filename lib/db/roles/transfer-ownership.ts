// Hand every object of the schema to the owner role. Data directories made before the roles
// existed had everything owned by the bootstrap superuser; this moves it over (indexes, triggers
// and column sequences follow their table) and does nothing once it has. Run as a superuser,
// connected to the database. Not REASSIGN OWNED: the bootstrap superuser also owns the system
// catalogs, which cannot be reassigned.
import pg from "pg";
import { checkedRoleName } from "./grant-sql";

export async function transferOwnership(superuser: pg.ClientBase, ownerRole: string): Promise<number> {
  const owner = checkedRoleName(ownerRole);
  const { rows } = await superuser.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT relowner AS o FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
       UNION ALL SELECT proowner FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace WHERE s.nspname = 'public'
       UNION ALL SELECT typowner FROM pg_type t JOIN pg_namespace s ON s.oid = t.typnamespace
        WHERE s.nspname = 'public' AND t.typtype IN ('e', 'd')) x
     WHERE pg_get_userbyid(o) <> $1`,
    [owner],
  );
  if (rows[0].n === 0) return 0;
  await superuser.query(`DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
            WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_get_userbyid(c.relowner) <> '${owner}'
  LOOP EXECUTE format('ALTER TABLE %s OWNER TO ${owner}', r.t); END LOOP;
  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
            WHERE s.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> '${owner}'
  LOOP EXECUTE format('ALTER SEQUENCE %s OWNER TO ${owner}', r.t); END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
            WHERE s.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '${owner}'
  LOOP EXECUTE format('ALTER ROUTINE %s OWNER TO ${owner}', r.f); END LOOP;
  FOR r IN SELECT t.oid::regtype AS ty FROM pg_type t JOIN pg_namespace s ON s.oid = t.typnamespace
            WHERE s.nspname = 'public' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> '${owner}'
  LOOP EXECUTE format('ALTER TYPE %s OWNER TO ${owner}', r.ty); END LOOP;
END $$`);
  return rows[0].n;
}
