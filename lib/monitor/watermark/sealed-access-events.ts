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
export const SCAN_SEALED_EVENTS_SQL = `
  WITH scanned AS (
    SELECT "index", kind, "rowId" FROM "LedgerEntry"
    WHERE "index" > $1 ORDER BY "index" LIMIT $2
  )
  SELECT s."index" AS "ledgerIndex", s.kind, a.id, a.recorded, a.type, a.subtype, a.action,
         a.outcome, a."actorId", a."actorRole", a."purposeOfUse", a."patientId", a."entityWhat",
         u.department
  FROM scanned s
  LEFT JOIN "AccessEvent" a ON s.kind = 'access_event' AND a.id = s."rowId"
  LEFT JOIN "User" u ON u.id = a."actorId"
  ORDER BY s."index"`;

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
