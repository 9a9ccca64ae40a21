import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { encodeCursor } from "./explorer-cursor";
import type { TExplorerFilters } from "./explorer-filters";
import { explorerWhere } from "./explorer-where";

/** One row of the explorer: the event, its actor from the directory, the patient's pseudonym. */
export type TExplorerRow = {
  id: string;
  recorded: Date;
  type: string;
  subtype: string;
  action: string;
  outcome: string;
  outcomeDesc: string | null;
  purposeOfUse: string | null;
  breakGlass: boolean;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorDepartment: string | null;
  network: string | null;
  patientId: string | null;
  patientPseudonym: string | null;
  entityWhat: string | null;
  requestId: string;
  /** The event's leaf index once sealed; null while it waits in the queue. */
  ledgerIndex: string | null;
};

export type TExplorerPage = {
  rows: TExplorerRow[];
  /** Cursor of the page after this one (older events), or null at the end. */
  next: string | null;
  /** Cursor of the page before this one (newer events), or null on the first page. */
  prev: string | null;
};

type TRawRow = Omit<TExplorerRow, "breakGlass" | "ledgerIndex"> & { ledgerIndex: bigint | null };

const SELECT = Prisma.sql`
  e.id, e.recorded, e.type, e.subtype, e.action, e.outcome, e."outcomeDesc", e."purposeOfUse",
  e."actorId", u."displayName" AS "actorName", e."actorRole"::text AS "actorRole", u.department AS "actorDepartment",
  e.network, e."patientId", p.pseudonym AS "patientPseudonym", e."entityWhat", e."requestId", le.index AS "ledgerIndex"`;

/** The page's events in keyset order, with the names and pseudonyms joined to at most limit + 1 rows. */
export function explorerPageSql(where: Prisma.Sql[], order: "desc" | "asc", take: number): Prisma.Sql {
  const dir = order === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const cond = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  // The keyset walk happens in the inner query alone, so the joins touch only the page's rows.
  return Prisma.sql`
    SELECT ${SELECT}
    FROM (SELECT * FROM "AccessEvent" e ${cond} ORDER BY e.recorded ${dir}, e.id ${dir} LIMIT ${take}) e
    LEFT JOIN "User" u ON u.id = e."actorId"
    LEFT JOIN "Patient" p ON p.id = e."patientId"
    LEFT JOIN "LedgerEntry" le ON le."rowId" = e.id AND le.kind = 'access_event'
    ORDER BY e.recorded ${dir}, e.id ${dir}`;
}

const toRow = (r: TRawRow): TExplorerRow => ({
  ...r,
  breakGlass: r.purposeOfUse === "ETREAT",
  ledgerIndex: r.ledgerIndex === null ? null : String(r.ledgerIndex),
});

/**
 * One page of access events matching the filters, newest first, by keyset over (recorded, id):
 * the cursor is the last row seen, so page 1,000 reads as many index entries as page 1 instead
 * of skipping 50,000 (OFFSET would). Raw SQL because Prisma's where cannot express the row-value
 * comparison (recorded, id) < ($1, $2) that the (…, recorded, id) indexes serve as one range
 * (its OR-expansion plans as a filter), nor join the page to names after the LIMIT.
 * No total: counting millions of filtered rows costs more than the page itself.
 */
export async function listAccessEvents(prisma: PrismaClient, f: TExplorerFilters): Promise<TExplorerPage> {
  const cursor = f.cursor ?? null;
  const where = explorerWhere(f);
  const backwards = cursor?.direction === "prev";
  if (cursor) {
    const key = Prisma.sql`(${cursor.recorded.toISOString()}::timestamp, ${cursor.id}::uuid)`;
    where.push(backwards ? Prisma.sql`(e.recorded, e.id) > ${key}` : Prisma.sql`(e.recorded, e.id) < ${key}`);
  }
  const raw = await prisma.$queryRaw<TRawRow[]>(explorerPageSql(where, backwards ? "asc" : "desc", f.limit + 1));
  const more = raw.length > f.limit;
  const page = raw.slice(0, f.limit).map(toRow);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  // Reading forward, a row before this page exists exactly when we came from a cursor; reading
  // backward, one after it exists because we came from there. The other side is what "more" says.
  const hasNewer = backwards ? more : cursor !== null;
  const hasOlder = backwards ? true : more;
  return {
    rows: page,
    next: hasOlder && last ? encodeCursor({ direction: "next", recorded: last.recorded, id: last.id }) : null,
    prev: hasNewer && first ? encodeCursor({ direction: "prev", recorded: first.recorded, id: first.id }) : null,
  };
}
