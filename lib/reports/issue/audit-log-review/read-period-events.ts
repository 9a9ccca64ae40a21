import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { TReportSort } from "../report-types";

/** One access event as the audit log review lists it: the patient by pseudonym only. */
export type TReviewEvent = {
  eventId: string;
  recorded: Date;
  ledgerIndex: number;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  type: string;
  subtype: string;
  action: string;
  outcome: string;
  outcomeDesc: string | null;
  purposeOfUse: string | null;
  patientPseudonym: string | null;
  /** What was reached ("Patient/<id>", "Disclosure?patient", …): ids and resource types, never content. */
  entity: string | null;
};

// Each order ends in (recorded, id), so equal keys come out in a fixed order and two issues of
// one period list the rows alike. "outcome" puts failures first: they are what a reviewer reads.
const ORDER: Record<TReportSort, Prisma.Sql> = {
  time: Prisma.sql`e.recorded, e.id`,
  user: Prisma.sql`u."displayName" NULLS LAST, e."actorId" NULLS LAST, e.recorded, e.id`,
  patient: Prisma.sql`p.pseudonym NULLS LAST, e.recorded, e.id`,
  action: Prisma.sql`e.action, e.subtype, e.type, e.recorded, e.id`,
  outcome: Prisma.sql`e.outcome DESC, e.recorded, e.id`,
};

/**
 * The access events recorded in [from, to) and sealed into the ledger (only a sealed event can
 * be cited with an inclusion proof), in the order asked, at most `limit` + 1 rows so the caller
 * can tell when there are more; and how many events of the period were not sealed yet.
 */
export async function readPeriodEvents(
  prisma: PrismaClient,
  q: { from: Date; to: Date; sort: TReportSort; limit: number },
): Promise<{ events: TReviewEvent[]; unsealed: number }> {
  const rows = await prisma.$queryRaw<(Omit<TReviewEvent, "ledgerIndex"> & { ledgerIndex: bigint })[]>`
    SELECT e.id::text AS "eventId", e.recorded, l.index AS "ledgerIndex", e."actorId"::text AS "actorId",
           u."displayName" AS "actorName", e."actorRole"::text AS "actorRole", e.type, e.subtype, e.action,
           e.outcome, e."outcomeDesc", e."purposeOfUse", p.pseudonym AS "patientPseudonym", e."entityWhat" AS entity
      FROM "AccessEvent" e
      JOIN "LedgerEntry" l ON l."rowId" = e.id AND l.kind = 'access_event'
      LEFT JOIN "User" u ON u.id = e."actorId"
      LEFT JOIN "Patient" p ON p.id = e."patientId"
     WHERE e.recorded >= ${q.from} AND e.recorded < ${q.to}
     ORDER BY ${ORDER[q.sort]}
     LIMIT ${q.limit + 1}`;
  const [{ unsealed }] = await prisma.$queryRaw<{ unsealed: bigint }[]>`
    SELECT count(*) AS unsealed FROM "AccessEvent" e
     WHERE e.recorded >= ${q.from} AND e.recorded < ${q.to}
       AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" l WHERE l."rowId" = e.id AND l.kind = 'access_event')`;
  return { events: rows.map((r) => ({ ...r, ledgerIndex: Number(r.ledgerIndex) })), unsealed: Number(unsealed) };
}
