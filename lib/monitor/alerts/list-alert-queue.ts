import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { encodeCursor } from "../explorer/explorer-cursor";
import type { TAlertQueueFilters } from "./alert-queue-filters";

/** One line of the queue: the alert's codes, its actor and owner by name, its patient by pseudonym. */
export type TAlertQueueRow = {
  id: string;
  createdAt: Date;
  kind: string;
  ruleId: string;
  reasonCode: string;
  severity: string;
  status: string;
  priority: number;
  closeReason: string | null;
  /** Local day of the finding (YYYY-MM-DD). */
  day: string;
  actorId: string | null;
  actorName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  patientId: string | null;
  patientPseudonym: string | null;
  /** How many access events the alert cites. */
  eventCount: number;
};

export type TAlertQueuePage = {
  rows: TAlertQueueRow[];
  /** Cursor of the page of older alerts, or null at the end. */
  next: string | null;
  /** Cursor of the page of newer alerts, or null on the first page. */
  prev: string | null;
};

type TRawRow = Omit<TAlertQueueRow, "day" | "eventCount"> & { day: Date; eventCount: number };

/**
 * The WHERE of a queue page. "open" is written as the open partial index's predicate, word for
 * word and as a literal (a bound parameter would not let the planner prove the implication).
 */
export function alertQueueWhere(f: TAlertQueueFilters, viewerId: string): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.status === "open") where.push(Prisma.sql`a.status IN ('new', 'under_review')`);
  else if (f.status !== "all") where.push(Prisma.sql`a.status = ${f.status}`);
  if (f.severity) where.push(Prisma.sql`a.severity = ${f.severity}`);
  if (f.rule) where.push(Prisma.sql`a."ruleId" = ${f.rule}`);
  if (f.owner === "unassigned") where.push(Prisma.sql`a."ownerId" IS NULL`);
  else if (f.owner) where.push(Prisma.sql`a."ownerId" = ${f.owner === "me" ? viewerId : f.owner}::uuid`);
  if (f.actor) where.push(Prisma.sql`a."actorId" = ${f.actor}::uuid`);
  return where;
}

/**
 * One page of the alert queue, newest first, by keyset over (createdAt, id): the rules consumer
 * raises a batch's alerts at one instant, so ties on createdAt are the rule and the id breaks
 * them. The keyset walk is the inner query alone; names and pseudonyms are joined to its rows.
 * Raw SQL for the same reasons as the explorer's (row-value comparison, joins after the LIMIT).
 */
export async function listAlertQueue(
  prisma: PrismaClient,
  o: { filters: TAlertQueueFilters; viewerId: string },
): Promise<TAlertQueuePage> {
  const f = o.filters;
  const cursor = f.cursor ?? null;
  const backwards = cursor?.direction === "prev";
  const where = alertQueueWhere(f, o.viewerId);
  if (cursor) {
    const key = Prisma.sql`(${cursor.recorded.toISOString()}::timestamp, ${cursor.id}::uuid)`;
    where.push(backwards ? Prisma.sql`(a."createdAt", a.id) > ${key}` : Prisma.sql`(a."createdAt", a.id) < ${key}`);
  }
  const dir = backwards ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const cond = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const raw = await prisma.$queryRaw<TRawRow[]>`
    SELECT a.id, a."createdAt", a.kind, a."ruleId", a."reasonCode", a.severity, a.status, a.priority,
           a."closeReason", a.day, a."actorId", actor."displayName" AS "actorName", a."ownerId",
           owner."displayName" AS "ownerName", a."patientId", p.pseudonym AS "patientPseudonym",
           cardinality(a."eventIds") AS "eventCount"
    FROM (SELECT * FROM "PrivacyAlert" a ${cond} ORDER BY a."createdAt" ${dir}, a.id ${dir} LIMIT ${f.limit + 1}) a
    LEFT JOIN "User" actor ON actor.id = a."actorId"
    LEFT JOIN "User" owner ON owner.id = a."ownerId"
    LEFT JOIN "Patient" p ON p.id = a."patientId"
    ORDER BY a."createdAt" ${dir}, a.id ${dir}`;
  const more = raw.length > f.limit;
  const rows = raw.slice(0, f.limit).map((r) => ({
    ...r,
    day: r.day.toISOString().slice(0, 10),
    eventCount: Number(r.eventCount),
  }));
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  // As in the explorer: forward, a newer row exists exactly when we came from a cursor; backward,
  // an older one exists because we came from there.
  const hasNewer = backwards ? more : cursor !== null;
  const hasOlder = backwards ? true : more;
  return {
    rows,
    next: hasOlder && last ? encodeCursor({ direction: "next", recorded: last.createdAt, id: last.id }) : null,
    prev: hasNewer && first ? encodeCursor({ direction: "prev", recorded: first.createdAt, id: first.id }) : null,
  };
}
