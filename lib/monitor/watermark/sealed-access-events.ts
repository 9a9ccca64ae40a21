import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * An access event as the monitoring consumers see it: sealed into the ledger at `ledgerIndex`,
 * with the actor's department as it stands when the event is processed. No patient data: the
 * event table holds pseudonymous ids and codes only.
 */
export type TSealedAccessEvent = {
  ledgerIndex: bigint;
  id: string;
  recorded: Date;
  type: string;
  subtype: string;
  action: string;
  outcome: string;
  actorId: string | null;
  actorRole: Role | null;
  purposeOfUse: string | null;
  patientId: string | null;
  /** The FHIR resource type touched, null for a whole chart or a search. */
  entityWhat: string | null;
  department: string | null;
};

// One statement, so one snapshot: the leaves scanned and the events joined to them agree, and
// since the sequencer commits blocks in index order, every index below the last one seen is
// committed too. Leaves of other kinds are scanned (and skipped) so the watermark moves past them.
// Each leaf's event is looked up by its primary key (a LATERAL subquery with LIMIT 1, which the
// planner does not flatten, materialized before the small join to User): as a plain join, once the table is analysed at a million rows the
// planner hashes the step's 20,000 leaves against a sequential scan of all of AccessEvent, about
// 400 ms a step at 1,000,000 events and growing with the log.
export const SCAN_SEALED_EVENTS_SQL = `
  WITH scanned AS (
    SELECT "index", kind, "rowId" FROM "LedgerEntry"
    WHERE "index" > $1 ORDER BY "index" LIMIT $2
  ), events AS MATERIALIZED (
    SELECT s."index", s.kind, a.* FROM scanned s
    LEFT JOIN LATERAL (
      SELECT e.id, e.recorded, e.type, e.subtype, e.action, e.outcome, e."actorId", e."actorRole",
             e."purposeOfUse", e."patientId", e."entityWhat"
        FROM "AccessEvent" e WHERE s.kind = 'access_event' AND e.id = s."rowId" LIMIT 1
    ) a ON true
  )
  SELECT v."index" AS "ledgerIndex", v.kind, v.id, v.recorded, v.type, v.subtype, v.action,
         v.outcome, v."actorId", v."actorRole", v."purposeOfUse", v."patientId", v."entityWhat",
         u.department
  FROM events v
  LEFT JOIN "User" u ON u.id = v."actorId"
  ORDER BY v."index"`;

export type TScannedRow = Omit<TSealedAccessEvent, "ledgerIndex" | "id"> & {
  ledgerIndex: string;
  kind: string;
  id: string | null;
};

export function toSealedEvents(rows: readonly TScannedRow[]): TSealedAccessEvent[] {
  const events: TSealedAccessEvent[] = [];
  for (const r of rows) {
    // An access_event leaf whose row is gone is a verification finding, not a monitoring input.
    if (r.id === null) continue;
    events.push({ ...r, id: r.id, ledgerIndex: BigInt(r.ledgerIndex) });
  }
  return events;
}
