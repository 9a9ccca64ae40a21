import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** One attempt to reach the patient's data, as the access report lists it. */
export type TPatientAccess = {
  eventId: string;
  recorded: Date;
  ledgerIndex: number;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  department: string | null;
  type: string;
  subtype: string;
  action: string;
  outcome: string;
  purposeOfUse: string | null;
  /** The FHIR resource type reached ("Patient", "Observation", …), never the resource's content. */
  resourceType: string | null;
};

/**
 * Every access event about the patient recorded in [from, to) and already sealed into the
 * ledger (only a sealed event can be cited with an inclusion proof), oldest first, with the
 * actor's directory entry. At most `limit` + 1 rows, so the caller can tell when there are more.
 */
export async function readPatientAccesses(
  prisma: PrismaClient,
  q: { patientId: string; from: Date; to: Date; limit: number },
): Promise<TPatientAccess[]> {
  const rows = await prisma.$queryRaw<(Omit<TPatientAccess, "ledgerIndex"> & { ledgerIndex: bigint })[]>`
    SELECT e.id::text AS "eventId", e.recorded, l.index AS "ledgerIndex", e."actorId"::text AS "actorId",
           u."displayName" AS "actorName", e."actorRole"::text AS "actorRole", u.department,
           e.type, e.subtype, e.action, e.outcome, e."purposeOfUse",
           NULLIF(split_part(e."entityWhat", '/', 1), '') AS "resourceType"
      FROM "AccessEvent" e
      JOIN "LedgerEntry" l ON l."rowId" = e.id AND l.kind = 'access_event'
      LEFT JOIN "User" u ON u.id = e."actorId"
     WHERE e."patientId" = ${q.patientId}::uuid AND e.recorded >= ${q.from} AND e.recorded < ${q.to}
     ORDER BY e.recorded, e.id
     LIMIT ${q.limit + 1}`;
  return rows.map((r) => ({ ...r, ledgerIndex: Number(r.ledgerIndex) }));
}
