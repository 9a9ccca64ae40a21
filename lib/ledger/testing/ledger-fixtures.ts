// Test fixtures for ledger integration tests: anchored rows written the way a bulk writer does
// (multi-row INSERT … RETURNING * and enqueue in the same transaction).
import type pg from "pg";
import { withTransaction } from "@/lib/db/with-transaction";
import { newAnchoredRowId } from "../anchored-row-id";
import { enqueueLeaves } from "../seal/enqueue-leaf";
import { writerMac } from "../seal/writer-mac";
import type { LedgerPool } from "../ledger-pool";

const ROLES = ["CLINICIAN", "COMPLIANCE_OFFICER", "ADMIN", "AUDITOR"];

/**
 * Inserts and enqueues `count` access events in one transaction on one connection. With
 * `anchor: false` the same rows are inserted without the ledger (the benchmark's baseline).
 */
export async function insertAccessEvents(
  client: pg.ClientBase,
  count: number,
  seed = 0,
  opts: { anchor?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const idx = Array.from({ length: count }, (_, i) => seed + i);
  const { rows } = await client.query(
    `INSERT INTO "AccessEvent" (id, type, subtype, action, outcome, "actorId", "actorRole", "patientId", "entityWhat", "requestId", network)
     SELECT id, 'rest', 'read', 'R', CASE WHEN i % 7 = 0 THEN '4' ELSE '0' END,
            gen_random_uuid(), r::"Role", gen_random_uuid(), 'Observation/' || i, gen_random_uuid()::text, '10.0.0.' || (i % 250)
       FROM unnest($1::int[], $2::text[], $3::uuid[]) AS u(i, r, id)
     RETURNING *`,
    [idx, idx.map((i) => ROLES[i % ROLES.length]), idx.map(() => newAnchoredRowId())],
  );
  if (opts.anchor !== false) await enqueueLeaves(client, { kind: "access_event", rows: rows as { id: string }[] });
  return rows;
}

export async function appendAccessEvents(
  pool: LedgerPool,
  count: number,
  seed = 0,
): Promise<Record<string, unknown>[]> {
  return withTransaction(pool, (client) => insertAccessEvents(client, count, seed));
}

export type TRawQueueEntry = {
  kind: string;
  rowId: string;
  leafHash: Uint8Array;
  /** Defaults to now. */
  recordedAt?: Date;
  /** Defaults to the writer MAC under the configured key; null or any bytes to forge one. */
  mac?: Uint8Array | null;
};

/** Inserts queue entries by SQL, as a DBA (or a test of the sequencer) would. */
export async function insertQueueEntries(
  client: pg.ClientBase | pg.Pool,
  entries: readonly TRawQueueEntry[],
): Promise<void> {
  for (const e of entries) {
    const recordedAt = e.recordedAt ?? new Date();
    const mac =
      e.mac === undefined ? writerMac({ kind: e.kind, rowId: e.rowId, leafHash: e.leafHash, recordedAt }) : e.mac;
    await client.query(
      `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt") VALUES ($1, $2, $3, $4, $5::timestamptz)`,
      [e.kind, e.rowId, Buffer.from(e.leafHash), Buffer.from(mac ?? new Uint8Array(0)), recordedAt.toISOString()],
    );
  }
}
