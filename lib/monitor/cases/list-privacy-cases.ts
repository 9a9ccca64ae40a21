import "server-only";
import { loadActiveRuleSet } from "../load-rule-set";
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { caseClockRules, computeClocks, nearestClock, type TClock } from "./case-clocks";
import { CASE_STATES, OPEN_CASE_STATES, type TDetermination } from "./case-codes";

export const ZCaseQuery = z.object({
  state: z
    .enum(["open", "all", ...CASE_STATES], { error: "state is open, all, or one of the case states." })
    .default("open"),
  owner: z.uuid("owner is a user id.").optional(),
  actor: z.uuid("actor is a user id.").optional(),
  overdue: z.enum(["yes"], { error: "overdue is yes or absent." }).optional(),
  limit: z.coerce
    .number("limit is a number.")
    .int()
    .min(1, "limit is 1 to 100.")
    .max(100, "limit is 1 to 100.")
    .default(50),
  cursor: z.uuid("cursor is the nextCursor of a previous page.").optional(),
});
export type TCaseQuery = z.infer<typeof ZCaseQuery>;

export type TCaseQueueRow = {
  id: string;
  actorId: string;
  actor: string;
  owner: string | null;
  ownerId: string | null;
  state: string;
  alerts: number;
  discoveredAt: Date;
  determination: string | null;
  sanctionTier: number | null;
  notifiedAt: Date | null;
  updatedAt: Date;
  nearest: TClock | null;
  overdue: boolean;
};

/** Rows read per round when the overdue filter (computed, not stored) thins a page; bounds the work. */
const SCAN_BATCH = 200;
const MAX_SCAN_ROUNDS = 10;

/**
 * The case queue, newest case first (uuid7 ids are time-ordered, so the id alone is the keyset):
 * filters on state (open by default), owner, actor and overdue clocks. Overdue is computed from the
 * clock rules, so it is filtered after reading: at most MAX_SCAN_ROUNDS × SCAN_BATCH cases are read
 * per page, and `nextCursor` continues where the scan stopped.
 */
export async function listPrivacyCases(
  prisma: PrismaClient,
  o: { params: URLSearchParams | Record<string, string | undefined>; now?: Date },
): Promise<{ cases: TCaseQueueRow[]; nextCursor: string | null; query: TCaseQuery }> {
  const raw = o.params instanceof URLSearchParams ? Object.fromEntries(o.params) : o.params;
  const q = ZCaseQuery.parse(raw);
  const now = o.now ?? new Date();
  const clockRules = caseClockRules((await loadActiveRuleSet(prisma)).config.otherClocks);
  const where: Prisma.PrivacyCaseWhereInput = {
    ...(q.state === "open" ? { state: { in: [...OPEN_CASE_STATES] } } : q.state === "all" ? {} : { state: q.state }),
    ...(q.owner ? { ownerId: q.owner } : {}),
    ...(q.actor ? { actorId: q.actor } : {}),
    ...(q.overdue ? { state: { in: [...OPEN_CASE_STATES] }, notifiedAt: null } : {}),
  };
  const out: TCaseQueueRow[] = [];
  let cursor = q.cursor;
  let exhausted = false;
  for (let round = 0; round < (q.overdue ? MAX_SCAN_ROUNDS : 1) && out.length <= q.limit && !exhausted; round++) {
    const take = q.overdue ? SCAN_BATCH : q.limit + 1;
    const batch = await prisma.privacyCase.findMany({
      where: { ...where, ...(cursor ? { id: { lt: cursor } } : {}) },
      orderBy: { id: "desc" },
      take,
      select: {
        id: true,
        actorId: true,
        ownerId: true,
        state: true,
        discoveredAt: true,
        determination: true,
        sanctionTier: true,
        notifiedAt: true,
        updatedAt: true,
      },
    });
    exhausted = batch.length < take;
    for (const c of batch) {
      cursor = c.id;
      const clocks = computeClocks(
        {
          discoveredAt: c.discoveredAt,
          determination: c.determination as TDetermination | null,
          notifiedAt: c.notifiedAt,
          now,
        },
        clockRules,
      );
      const nearest = c.state === "closed" ? null : nearestClock(clocks);
      const overdue = nearest?.status === "overdue";
      if (q.overdue && !overdue) continue;
      out.push({ ...c, actor: "", owner: null, alerts: 0, nearest, overdue });
      if (out.length > q.limit) break;
    }
  }
  const page = out.slice(0, q.limit);
  const more = out.length > q.limit || (!exhausted && q.overdue !== undefined);
  const [counts, users] = await Promise.all([
    prisma.privacyAlert.groupBy({ by: ["caseId"], where: { caseId: { in: page.map((c) => c.id) } }, _count: true }),
    prisma.user.findMany({
      where: { id: { in: [...new Set(page.flatMap((c) => [c.actorId, c.ownerId]).filter((u): u is string => !!u))] } },
      select: { id: true, displayName: true },
    }),
  ]);
  const count = new Map(counts.map((c) => [c.caseId, c._count]));
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  for (const c of page) {
    c.alerts = count.get(c.id) ?? 0;
    c.actor = name.get(c.actorId) ?? "—";
    c.owner = c.ownerId ? (name.get(c.ownerId) ?? "—") : null;
  }
  const nextCursor = more ? (out.length > q.limit ? page[page.length - 1]!.id : (cursor ?? null)) : null;
  return { cases: page, nextCursor, query: q };
}
