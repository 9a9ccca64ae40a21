import "server-only";
import type pg from "pg";
import type { TMonitorConsumer } from "../watermark/advance-consumer";
import { aggregateEvents, type TRollupIncrements } from "./aggregate-events";

// One multi-row upsert per table and batch (unnest of arrays): the statement count does not grow
// with the batch. Rows are sorted by key so two writers, should there ever be two, lock in one order.

const byKey =
  <T>(key: (r: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

async function upsertAccessHourly(client: pg.ClientBase, rows: TRollupIncrements["accessHourly"]) {
  if (rows.length === 0) return;
  const cols = ["type", "subtype", "action", "outcome", "purposeOfUse", "actorRole", "department"] as const;
  rows.sort(byKey((r) => [r.hour.toISOString(), ...cols.map((c) => r[c])].join("\u0000")));
  await client.query(
    `INSERT INTO "AccessHourlyRollup" (hour, ${cols.map((c) => `"${c}"`).join(", ")}, events)
     SELECT * FROM unnest($1::timestamptz[], ${cols.map((_, i) => `$${i + 2}::text[]`).join(", ")}, $9::int[])
     ON CONFLICT (hour, ${cols.map((c) => `"${c}"`).join(", ")})
     DO UPDATE SET events = "AccessHourlyRollup".events + EXCLUDED.events`,
    [rows.map((r) => r.hour), ...cols.map((c) => rows.map((r) => r[c])), rows.map((r) => r.events)],
  );
}

async function upsertActorHourly(client: pg.ClientBase, rows: TRollupIncrements["actorHourly"]) {
  if (rows.length === 0) return;
  rows.sort(byKey((r) => `${r.actorId}${r.hour.toISOString()}`));
  await client.query(
    `INSERT INTO "ActorHourlyRollup" ("actorId", hour, events, denied)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[])
     ON CONFLICT ("actorId", hour) DO UPDATE SET
       events = "ActorHourlyRollup".events + EXCLUDED.events,
       denied = "ActorHourlyRollup".denied + EXCLUDED.denied`,
    [rows.map((r) => r.actorId), rows.map((r) => r.hour), rows.map((r) => r.events), rows.map((r) => r.denied)],
  );
}

async function upsertActorPatientDaily(client: pg.ClientBase, rows: TRollupIncrements["actorPatientDaily"]) {
  if (rows.length === 0) return;
  rows.sort(byKey((r) => `${r.day}${r.actorId}${r.patientId}`));
  await client.query(
    `INSERT INTO "ActorPatientDailyRollup" (day, "actorId", "patientId", events, denied, "firstAt", "lastAt")
     SELECT * FROM unnest($1::date[], $2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::timestamptz[], $7::timestamptz[])
     ON CONFLICT (day, "actorId", "patientId") DO UPDATE SET
       events = "ActorPatientDailyRollup".events + EXCLUDED.events,
       denied = "ActorPatientDailyRollup".denied + EXCLUDED.denied,
       "firstAt" = LEAST("ActorPatientDailyRollup"."firstAt", EXCLUDED."firstAt"),
       "lastAt" = GREATEST("ActorPatientDailyRollup"."lastAt", EXCLUDED."lastAt")`,
    [
      rows.map((r) => r.day),
      rows.map((r) => r.actorId),
      rows.map((r) => r.patientId),
      rows.map((r) => r.events),
      rows.map((r) => r.denied),
      rows.map((r) => r.firstAt),
      rows.map((r) => r.lastAt),
    ],
  );
}

/** Keeps the dashboard's rollup tables (schema.prisma: *Rollup) up to date behind the ledger. */
export const rollupConsumer: TMonitorConsumer = {
  name: "rollups",
  async handle(client, events) {
    const inc = aggregateEvents(events);
    await upsertAccessHourly(client, inc.accessHourly);
    await upsertActorHourly(client, inc.actorHourly);
    await upsertActorPatientDaily(client, inc.actorPatientDaily);
  },
  async reset(client) {
    await client.query(`DELETE FROM "AccessHourlyRollup"`);
    await client.query(`DELETE FROM "ActorHourlyRollup"`);
    await client.query(`DELETE FROM "ActorPatientDailyRollup"`);
  },
};
