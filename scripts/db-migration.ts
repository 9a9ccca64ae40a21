// Author the next migration offline: `npm run db:migration -- <name>`.
// `prisma migrate dev` needs a shadow database and introspection that fail offline, so we diff
// the schema as of the latest migration (kept as a snapshot) against prisma/schema.prisma.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { openLocalDatabase } from "../lib/db/local-database";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}
const dir = path.join("prisma", "migrations");
const snapshot = path.join(dir, "schema-at-latest-migration.prisma");
const from = fs.existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
loadLocalSecrets({ newLogSigningKey });
const db = await openLocalDatabase();
const sql = execFileSync(
  "node_modules/.bin/prisma",
  ["migrate", "diff", ...from, "--to-schema-datamodel", path.join("prisma", "schema.prisma"), "--script"],
  { encoding: "utf8", env: { ...process.env, DATABASE_URL: db.url } },
);
await db.stop();
if (/^-- This is an empty migration\.\s*$/m.test(sql) || !sql.trim()) {
  console.log("schema.prisma has no changes since the latest migration");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
fs.mkdirSync(target, { recursive: true });
fs.writeFileSync(path.join(target, "migration.sql"), sql);
fs.copyFileSync(path.join("prisma", "schema.prisma"), snapshot);
console.log(`wrote ${target}/migration.sql — review it, add hand-written SQL if needed, then npm run db:migrate`);
