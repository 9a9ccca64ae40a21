import "server-only";
import type pg from "pg";
import type { TMonitorEvent } from "../rules/types";
import type { TSealedAccessEvent } from "../watermark/sealed-access-events";
import { pgTimestamp } from "./sql-time";

/** The rules' view of a sealed event: break-glass is the ETREAT purpose the policy flags it with. */
export function toMonitorEvent(e: TSealedAccessEvent): TMonitorEvent {
  return {
    id: e.id,
    ledgerIndex: Number(e.ledgerIndex),
    recorded: e.recorded,
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorDepartment: e.department,
    patientId: e.patientId,
    type: e.type,
    subtype: e.subtype,
    action: e.action,
    outcome: e.outcome,
    purposeOfUse: e.purposeOfUse,
    entityWhat: e.entityWhat,
    breakGlass: e.purposeOfUse === "ETREAT",
  };
}

type TLookbackRow = Omit<TSealedAccessEvent, "ledgerIndex"> & { ledgerIndex: string };

/**
 * Events already evaluated (sealed below `beforeIndex`) of the given actors (null: every actor),
 * recorded in [from, to] (to null: no end): the context of the windowed rules. Every rule looks at
 * one actor at a time, so other actors' events are not needed, except to fill the lookback cache
 * (lookback-cache.ts). The range reads AccessEvent's (actorId, recorded) or (recorded) index and
 * LedgerEntry's ("rowId", kind) key, never a scan of the log.
 */
export async function loadLookback(
  client: pg.ClientBase,
  o: { actorIds: readonly string[] | null; from: Date; to: Date | null; beforeIndex: bigint },
): Promise<TMonitorEvent[]> {
  if (o.actorIds?.length === 0) return [];
  const { rows } = await client.query<TLookbackRow>(
    `SELECT e."index"::text AS "ledgerIndex", a.id, a.recorded, a.type, a.subtype, a.action, a.outcome,
            a."actorId", a."actorRole", a."purposeOfUse", a."patientId", a."entityWhat", u.department
       FROM "AccessEvent" a
       JOIN "LedgerEntry" e ON e."rowId" = a.id AND e.kind = 'access_event'
       LEFT JOIN "User" u ON u.id = a."actorId"
      WHERE ($1::uuid[] IS NULL OR a."actorId" = ANY($1::uuid[]))
        AND a.recorded >= $2::timestamp AND ($3::timestamp IS NULL OR a.recorded <= $3::timestamp)
        AND e."index" < $4
      ORDER BY e."index"`,
    [o.actorIds, pgTimestamp(o.from), o.to ? pgTimestamp(o.to) : null, o.beforeIndex.toString()],
  );
  return rows.map((r) => toMonitorEvent({ ...r, ledgerIndex: BigInt(r.ledgerIndex) }));
}

/**
 * When the last event evaluated before this batch was recorded: the start of the batch's
 * (since, asOf] for the break-glass windows, so each window is checked by the batch after which
 * it ended. Walks LedgerEntry's key backwards from the batch; null before the first event.
 */
export async function lastEvaluatedAt(client: pg.ClientBase, beforeIndex: bigint): Promise<Date | null> {
  const { rows } = await client.query<{ recorded: Date }>(
    `SELECT a.recorded FROM "LedgerEntry" e JOIN "AccessEvent" a ON a.id = e."rowId"
      WHERE e.kind = 'access_event' AND e."index" < $1 ORDER BY e."index" DESC LIMIT 1`,
    [beforeIndex.toString()],
  );
  return rows[0]?.recorded ?? null;
}
