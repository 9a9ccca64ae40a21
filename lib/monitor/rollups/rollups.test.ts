import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { withTransaction } from "@/lib/db/with-transaction";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { notarizeDocument } from "@/lib/ledger/notarize-document";
import { getOverview } from "../get-overview";
import { advanceConsumer, catchUpConsumer, type TMonitorConsumer } from "../watermark/advance-consumer";
import { rollupConsumer } from "./rollup-consumer";

let db: TTestDatabase;
let pool: LedgerPool;
const actors = Array.from({ length: 6 }, () => crypto.randomUUID());
const patients = Array.from({ length: 9 }, () => crypto.randomUUID());

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  // Two of the actors are accounts with a department; the others (deleted accounts, say) are not.
  for (const [i, id] of actors.slice(0, 2).entries()) {
    await pool.query(
      `INSERT INTO "User" (id, email, "displayName", role, department, "passwordHash", "updatedAt")
       VALUES ($1, $2, 'Staff', 'CLINICIAN', $3, 'x', now())`,
      [id, `staff${i}@rollups.test`, i === 0 ? "Cardiology" : "Oncology"],
    );
  }
});
afterAll(async () => {
  await pool.end();
});

/**
 * Writes `count` anchored access events spread over the last `hours` hours, with a few actors
 * and patients so that pairs repeat, some refusals, break-glass and sign-ins without a patient.
 */
async function writeEvents(count: number, hours = 72) {
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const signIn = i % 11 === 0;
    return {
      id: newAnchoredRowId(),
      recorded: new Date(now - Math.floor(Math.random() * hours * 3_600_000)),
      type: signIn ? "110114" : "rest",
      subtype: signIn ? "110122" : i % 5 === 0 ? "search-type" : "read",
      action: signIn ? "E" : "R",
      outcome: i % 7 === 0 ? "4" : "0",
      actorId: i % 13 === 0 ? null : actors[i % actors.length],
      patientId: signIn ? null : patients[(i * 7) % patients.length],
      purposeOfUse: signIn ? null : i % 17 === 0 ? "ETREAT" : "TREAT",
    };
  });
  await withTransaction(pool, async (client) => {
    const { rows: stored } = await client.query(
      `INSERT INTO "AccessEvent" (id, recorded, type, subtype, action, outcome, "actorId", "actorRole", "patientId", "purposeOfUse", "requestId")
       SELECT id, recorded, type, subtype, action, outcome, actor, CASE WHEN actor IS NULL THEN NULL ELSE 'CLINICIAN'::"Role" END,
              patient, purpose, gen_random_uuid()::text
       FROM unnest($1::uuid[], $2::timestamp[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[], $9::text[])
         AS u(id, recorded, type, subtype, action, outcome, actor, patient, purpose)
       RETURNING *`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.recorded.toISOString().replace("Z", "")),
        rows.map((r) => r.type),
        rows.map((r) => r.subtype),
        rows.map((r) => r.action),
        rows.map((r) => r.outcome),
        rows.map((r) => r.actorId),
        rows.map((r) => r.patientId),
        rows.map((r) => r.purposeOfUse),
      ],
    );
    await enqueueLeaves(client, { kind: "access_event", rows: stored as { id: string }[] });
  });
}

/** The rollups as they should be: computed from scratch over the sealed events. */
async function expectedRollups(client: pg.Pool) {
  const sealed = `SELECT a.* FROM "AccessEvent" a JOIN "LedgerEntry" e ON e."rowId" = a.id AND e.kind = 'access_event'`;
  const hourly = await client.query(`
    SELECT date_trunc('hour', a.recorded) AS hour, a.type, a.subtype, a.action, a.outcome,
           coalesce(a."purposeOfUse", '') AS "purposeOfUse", coalesce(a."actorRole"::text, '') AS "actorRole",
           coalesce(u.department, '') AS department, count(*)::int AS events
    FROM (${sealed}) a LEFT JOIN "User" u ON u.id = a."actorId"
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`);
  const actorHourly = await client.query(`
    SELECT "actorId", date_trunc('hour', recorded) AS hour, count(*)::int AS events,
           (count(*) FILTER (WHERE outcome <> '0'))::int AS denied
    FROM (${sealed}) a WHERE "actorId" IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`);
  const pairs = await client.query(`
    SELECT to_char(recorded, 'YYYY-MM-DD') AS day, "actorId", "patientId", count(*)::int AS events,
           (count(*) FILTER (WHERE outcome <> '0'))::int AS denied, min(recorded) AS "firstAt", max(recorded) AS "lastAt"
    FROM (${sealed}) a WHERE "actorId" IS NOT NULL AND "patientId" IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  return { hourly: hourly.rows, actorHourly: actorHourly.rows, pairs: pairs.rows };
}

async function actualRollups(client: pg.Pool) {
  const hourly = await client.query(`
    SELECT hour, type, subtype, action, outcome, "purposeOfUse", "actorRole", department, events
    FROM "AccessHourlyRollup" ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`);
  const actorHourly = await client.query(
    `SELECT "actorId", hour, events, denied FROM "ActorHourlyRollup" ORDER BY 1, 2`,
  );
  const pairs = await client.query(`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, "actorId", "patientId", events, denied, "firstAt", "lastAt"
    FROM "ActorPatientDailyRollup" ORDER BY 1, 2, 3`);
  return { hourly: hourly.rows, actorHourly: actorHourly.rows, pairs: pairs.rows };
}

describe("the rollup consumer", () => {
  it("sums exactly what a GROUP BY over the sealed events gives, in any step size, and skips unsealed events", async () => {
    await writeEvents(700);
    await sealPending({ pool });
    await writeEvents(50); // queued, not sealed: not counted yet
    await catchUpConsumer(pool, rollupConsumer, { maxLeaves: 97 });
    expect(await actualRollups(pool)).toEqual(await expectedRollups(pool));
    const { rows } = await pool.query(`SELECT sum(events)::int AS n FROM "AccessHourlyRollup"`);
    expect(rows[0].n).toBe(700);
  });

  it("counts each event once when several instances step at the same time, while more is sealed", async () => {
    const writing = (async () => {
      for (let i = 0; i < 5; i++) {
        await writeEvents(120);
        await sealPending({ pool });
      }
    })();
    const stepping = Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 40; i++) await advanceConsumer(pool, rollupConsumer, 53);
    });
    await Promise.all([writing, ...stepping]);
    await sealPending({ pool });
    await catchUpConsumer(pool, rollupConsumer);
    const expected = await expectedRollups(pool);
    expect(await actualRollups(pool)).toEqual(expected);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "AccessEvent"`);
    expect(expected.hourly.reduce((n, r) => n + r.events, 0)).toBe(rows[0].n);
    // Caught up, a step finds nothing and changes nothing.
    expect(await advanceConsumer(pool, rollupConsumer)).toMatchObject({ busy: false, scanned: 0 });
  });

  it("moves the watermark past leaves of other kinds", async () => {
    const { rows: before } = await pool.query(`SELECT "ledgerIndex"::int AS i FROM "MonitorWatermark"`);
    // A notarized document is anchored too: the rollups step past it without counting it.
    await notarizeDocument({ prisma: db.prisma, title: "Rota", sha256: crypto.randomBytes(32) });
    await sealPending({ pool });
    await catchUpConsumer(pool, rollupConsumer);
    const { rows: after } = await pool.query(`SELECT "ledgerIndex"::int AS i FROM "MonitorWatermark"`);
    const { rows: size } = await pool.query(`SELECT count(*)::int AS n FROM "LedgerEntry"`);
    expect(after[0].i).toBe(size[0].n - 1);
    expect(after[0].i).toBeGreaterThan(before[0].i);
    expect(await actualRollups(pool)).toEqual(await expectedRollups(pool));
  });

  it("writes nothing and keeps its watermark when a step fails half-way", async () => {
    await writeEvents(40);
    await sealPending({ pool });
    const before = await actualRollups(pool);
    const { rows: w0 } = await pool.query(`SELECT "ledgerIndex"::int AS i FROM "MonitorWatermark"`);
    const failing: TMonitorConsumer = {
      name: rollupConsumer.name,
      async handle(client, events) {
        await rollupConsumer.handle(client, events);
        throw new Error("the process died here");
      },
    };
    await expect(advanceConsumer(pool, failing)).rejects.toThrow("the process died here");
    expect(await actualRollups(pool)).toEqual(before);
    const { rows: w1 } = await pool.query(`SELECT "ledgerIndex"::int AS i FROM "MonitorWatermark"`);
    expect(w1).toEqual(w0);
    await catchUpConsumer(pool, rollupConsumer);
    expect(await actualRollups(pool)).toEqual(await expectedRollups(pool));
  });

  it("backs the dashboard's figures", async () => {
    await sealPending({ pool });
    await catchUpConsumer(pool, rollupConsumer);
    const now = new Date();
    const o = await getOverview(db.prisma, now);
    const since24h = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 23 * 3_600_000);
    const sealed = `FROM "AccessEvent" a JOIN "LedgerEntry" e ON e."rowId" = a.id AND e.kind = 'access_event'`;
    const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0].n as number;
    expect(o.events).toBe(await q(`SELECT count(*)::int AS n ${sealed}`));
    expect(o.eventsLast24h).toBe(await q(`SELECT count(*)::int AS n ${sealed} WHERE a.recorded >= $1`, [since24h]));
    expect(o.failedSignIns24h).toBe(
      await q(`SELECT count(*)::int AS n ${sealed} WHERE a.recorded >= $1 AND type = '110114' AND outcome <> '0'`, [
        since24h,
      ]),
    );
    expect(o.breakGlass24h).toBe(
      await q(`SELECT count(*)::int AS n ${sealed} WHERE a.recorded >= $1 AND "purposeOfUse" = 'ETREAT'`, [since24h]),
    );
    expect(o.distinctUsers24h).toBe(
      await q(`SELECT count(DISTINCT "actorId")::int AS n ${sealed} WHERE a.recorded >= $1`, [since24h]),
    );
    expect(o.distinctUsers24h).toBeGreaterThan(1);
    expect(o.asOf.leavesBehind).toBe(0);
    expect(o.eventsPerDay.reduce((n, d) => n + d.allowed + d.denied, 0)).toBe(o.events);
  });
});
