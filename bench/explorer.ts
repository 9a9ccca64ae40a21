// Explorer index benchmark: N access events (default 2,000,000), then the explorer's first page
// and page 1,000 for each filter, timed through listAccessEvents and shown with EXPLAIN
// (ANALYZE, BUFFERS). Page 1,000 must cost what page 1 costs (keyset, docs/monitoring-indexes.md).
// The events are written by one set-based INSERT … SELECT generate_series, not through the
// ledger's write path: this measures indexes and plans, and the ledger is not read by the
// explorer. `npm run bench -- explorer [--events N] [--explain]`.
import pg from "pg";
import { createPrismaClient } from "../lib/db/prisma";
import { parseExplorerFilters } from "../lib/monitor/explorer/explorer-filters";
import { explorerWhere } from "../lib/monitor/explorer/explorer-where";
import { explorerPageSql, listAccessEvents } from "../lib/monitor/explorer/list-access-events";
import { Prisma } from "../lib/generated/prisma/client";
import { openBenchDatabase } from "./bench-database";
import { percentile, printTable, type TRow } from "./report";

const ACTORS = 400;
const PATIENTS = 50_000;
const DAYS = 30;
const REPEAT = 15;

async function seed(client: pg.Client, events: number) {
  await client.query(`
    INSERT INTO "Department" (id, name, "timeZone", shifts)
    SELECT gen_random_uuid(), 'Dept ' || d, 'UTC', '[]' FROM generate_series(0, 7) d`);
  // Roles as a hospital has them: mostly clinicians, a few officers, admins and auditors.
  await client.query(
    `INSERT INTO "User" (id, email, "displayName", role, department, "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), 'u' || i || '@bench.test', 'Staff ' || i,
            (CASE WHEN i % 100 = 99 THEN 'ADMIN' WHEN i % 50 = 49 THEN 'AUDITOR' WHEN i % 20 = 19 THEN 'COMPLIANCE_OFFICER'
                  ELSE 'CLINICIAN' END)::"Role",
            'Dept ' || (i % 8), 'x', now()
     FROM generate_series(0, $1 - 1) i`,
    [ACTORS],
  );
  await client.query(
    `INSERT INTO "Patient" (id, pseudonym) SELECT gen_random_uuid(), 'PSN-' || i FROM generate_series(0, $1 - 1) i`,
    [PATIENTS],
  );
  await client.query(`CREATE TEMP TABLE a AS SELECT row_number() OVER () - 1 AS n, id, role FROM "User"`);
  await client.query(`CREATE TEMP TABLE p AS SELECT row_number() OVER () - 1 AS n, id FROM "Patient"`);
  const batch = 250_000;
  const t0 = performance.now();
  for (let start = 0; start < events; start += batch) {
    // Seconds-resolution times, so that many events share a time (ties the keyset must break by id).
    await client.query(
      `INSERT INTO "AccessEvent" (id, recorded, type, subtype, action, outcome, "actorId", "actorRole", "purposeOfUse",
                                  "patientId", "requestId")
       SELECT gen_random_uuid(),
              date_trunc('second', now() AT TIME ZONE 'UTC' - random() * interval '${DAYS} days'),
              'rest', CASE WHEN r < 0.8 THEN 'read' ELSE 'search-type' END,
              CASE WHEN r < 0.8 THEN 'R' WHEN r < 0.98 THEN 'E' ELSE 'U' END,
              CASE WHEN r2 < 0.96 THEN '0' WHEN r2 < 0.995 THEN '4' ELSE '8' END,
              a.id, a.role,
              CASE WHEN r3 < 0.003 THEN 'ETREAT' WHEN r3 < 0.9 THEN 'TREAT' ELSE 'OPERATIONS' END,
              p.id, gen_random_uuid()::text
       FROM (SELECT g, random() r, random() r2, random() r3,
                    floor(random() * random() * ${ACTORS})::int an, floor(random() * ${PATIENTS})::int pn
             FROM generate_series($1::int, $2::int) g) s
       JOIN a ON a.n = s.an JOIN p ON p.n = s.pn`,
      [start, Math.min(events, start + batch) - 1],
    );
    process.stdout.write(`\r  seeded ${Math.min(events, start + batch).toLocaleString("en-US")} events`);
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `\n  ${Math.round(events / seconds).toLocaleString("en-US")} events/s with the explorer's indexes in place`,
  );
  await client.query(`VACUUM ANALYZE "AccessEvent"`);
}

export async function run(args: string[]) {
  const events = Number(args[args.indexOf("--events") + 1] || 0) || 2_000_000;
  const explain = args.includes("--explain");
  const db = await openBenchDatabase();
  // Seeding uses temporary tables and VACUUM, which the app role may not: a DBA's connection.
  const client = new pg.Client({ connectionString: db.superuserUrl });
  await client.connect();
  const prisma = createPrismaClient(db.url, 2);
  try {
    await seed(client, events);
    const pick = async (sql: string) => (await client.query(sql)).rows[0];
    const actor = (await pick(`SELECT "actorId" AS id FROM "AccessEvent" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`))
      .id;
    const patient = (await pick(`SELECT "patientId" AS id FROM "AccessEvent" LIMIT 1`)).id;
    const dept = (await pick(`SELECT id FROM "Department" WHERE name = 'Dept 3'`)).id;
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const filters: [string, string][] = [
      ["no filter", ""],
      ["last 7 days", `from=${week}`],
      ["one user (busiest)", `actor=${actor}`],
      ["one patient", `patient=${patient}`],
      ["denied", "outcome=denied"],
      ["break-glass", "breakGlass=yes"],
      ["role CLINICIAN + purpose TREAT", "role=CLINICIAN&purpose=TREAT"],
      ["department", `department=${dept}`],
      ["role ADMIN (rare: its own index since 20261207143510)", "role=ADMIN"],
    ];
    const rows: TRow[] = [];
    for (const [name, q] of filters) {
      // Walk to page 1,000 by following next cursors, as a user would (50 rows a page).
      let cursor: string | null = null;
      let pages = 1;
      for (; pages < 1000; pages++) {
        const params: URLSearchParams = new URLSearchParams(q);
        if (cursor) params.set("cursor", cursor);
        const page = await listAccessEvents(prisma, parseExplorerFilters(params));
        if (!page.next) break;
        cursor = page.next;
      }
      const time = async (c: string | null) => {
        const ms: number[] = [];
        for (let i = 0; i < REPEAT; i++) {
          const params = new URLSearchParams(q);
          if (c) params.set("cursor", c);
          const t = performance.now();
          await listAccessEvents(prisma, parseExplorerFilters(params));
          ms.push(performance.now() - t);
        }
        return percentile(
          ms.sort((x, y) => x - y),
          50,
        );
      };
      const first = await time(null);
      const deep = await time(cursor);
      rows.push({ name: `${name}: page 1`, value: first, unit: "ms" });
      rows.push({
        name: `${name}: page ${pages}`,
        value: deep,
        unit: "ms",
        baseline: first,
        note: pages < 1000 ? "fewer than 1,000 pages match" : "",
      });
      if (explain) {
        for (const [label, c] of [
          ["page 1", null],
          [`page ${pages}`, cursor],
        ] as const) {
          const f = parseExplorerFilters(new URLSearchParams(q));
          const where = explorerWhere(f);
          if (c) {
            const k = parseExplorerFilters(new URLSearchParams({ cursor: c })).cursor!;
            where.push(Prisma.sql`(e.recorded, e.id) < (${k.recorded.toISOString()}::timestamp, ${k.id}::uuid)`);
          }
          const sql = explorerPageSql(where, "desc", 51);
          const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) ${sql.text}`, sql.values);
          console.log(`\n### ${name}, ${label}\n\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
        }
      }
    }
    printTable(`Explorer pages over ${events.toLocaleString("en-US")} events (median of ${REPEAT})`, rows);
  } finally {
    await prisma.$disconnect();
    await client.end();
    await db.stop();
  }
}
