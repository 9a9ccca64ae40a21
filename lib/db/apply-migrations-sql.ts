import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Apply prisma/migrations/*\/migration.sql in order with plain SQL. Used for disposable test
 * templates, where Prisma's migration history table is not needed and `migrate deploy` would
 * add seconds per run; real databases always go through `migrateDatabase`.
 */
export async function applyMigrationsSql(databaseUrl: string, dir = path.resolve("prisma/migrations")) {
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "migration.sql"))).sort();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const name of names) await client.query(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  } finally {
    await client.end();
  }
}
