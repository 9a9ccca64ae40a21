import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { encodeCursor } from "../explorer/explorer-cursor";
import {
  cutPage,
  shapeWhoLooked,
  type TWhoLookedDetail,
  type TWhoLookedEntry,
  type TWhoLookedGroup,
} from "./shape-who-looked";
import { whoLookedDetailSql, whoLookedPageSql, whoLookedTotalsSql } from "./who-looked-sql";
import type { TWhoLookedQuery } from "./who-looked-query";

export type TWhoLookedPage = {
  patient: { id: string; pseudonym: string };
  /** Everyone over the period, not only this page: people and their accesses (sealed events). */
  totals: { people: number; times: number };
  entries: TWhoLookedEntry[];
  /** Cursors of the page of people seen before (older last access) and after (newer). */
  next: string | null;
  prev: string | null;
};

/**
 * Everyone who reached or tried to reach one patient's data, grouped by person, newest last
 * access first, a page at a time: from the daily rollup of the sealed log (what the dashboard
 * counts), with each person's actions, purposes and outcomes read from their events. Null for a
 * patient id that is not on file. Never decrypts anything: pseudonym and directory data only.
 */
export async function listWhoLooked(
  prisma: PrismaClient,
  o: { patientId: string; query: TWhoLookedQuery },
): Promise<TWhoLookedPage | null> {
  const [patient] = await prisma.$queryRaw<{ id: string; pseudonym: string }[]>`
    SELECT id, pseudonym FROM "Patient" WHERE id = ${o.patientId}::uuid`;
  if (!patient) return null;
  const range = { patientId: o.patientId, fromDay: o.query.from ?? null, toDay: o.query.to ?? null };
  const c = o.query.cursor ?? null;
  const backwards = c?.direction === "prev";
  const [raw, [totals]] = await Promise.all([
    prisma.$queryRaw<TWhoLookedGroup[]>(
      whoLookedPageSql(range, {
        after: c && { lastAt: c.recorded, actorId: c.id },
        backwards,
        take: o.query.limit + 1,
      }),
    ),
    prisma.$queryRaw<{ people: number; times: number }[]>(whoLookedTotalsSql(range)),
  ]);
  const page = cutPage(raw, { limit: o.query.limit, direction: c?.direction ?? null });
  const details = page.rows.length
    ? await prisma.$queryRaw<TWhoLookedDetail[]>(whoLookedDetailSql(o.patientId, page.rows))
    : [];
  const entries = shapeWhoLooked(page.rows, details);
  const first = entries[0];
  const last = entries[entries.length - 1];
  return {
    patient,
    totals,
    entries,
    next: page.hasOlder && last ? encodeCursor({ direction: "next", recorded: last.lastAt, id: last.actorId }) : null,
    prev:
      page.hasNewer && first ? encodeCursor({ direction: "prev", recorded: first.lastAt, id: first.actorId }) : null,
  };
}
