import "server-only";
import { loadActiveRuleSet } from "../load-rule-set";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { caseClockRules, computeClocks, nearestClock, type TClock } from "./case-clocks";
import { OPEN_CASE_STATES, type TDetermination } from "./case-codes";

/** Open cases the dashboard reads at most; a privacy office has tens open, not thousands. */
const MAX_OPEN_CASES = 1000;

export type TCaseDeadline = { caseId: string; actor: string; clock: TClock };
export type TCaseDeadlines = { open: number; overdue: number; nearest: TCaseDeadline[] };

/**
 * The dashboard's view of cases: how many are open, how many have an overdue clock, and the
 * nearest live deadlines (overdue ones first, as they are the earliest), one per case.
 */
export async function getCaseDeadlines(
  prisma: PrismaClient,
  o: { now?: Date; limit?: number } = {},
): Promise<TCaseDeadlines> {
  const now = o.now ?? new Date();
  const clockRules = caseClockRules((await loadActiveRuleSet(prisma)).config.otherClocks);
  const cases = await prisma.privacyCase.findMany({
    where: { state: { in: [...OPEN_CASE_STATES] } },
    select: { id: true, actorId: true, discoveredAt: true, determination: true, notifiedAt: true },
    orderBy: { id: "desc" },
    take: MAX_OPEN_CASES,
  });
  const live = cases
    .map((c) => ({
      c,
      clock: nearestClock(
        computeClocks(
          {
            discoveredAt: c.discoveredAt,
            determination: c.determination as TDetermination | null,
            notifiedAt: c.notifiedAt,
            now,
          },
          clockRules,
        ),
      ),
    }))
    .filter((x): x is { c: (typeof cases)[number]; clock: TClock } => x.clock !== null)
    .sort((a, b) => a.clock.dueAt.getTime() - b.clock.dueAt.getTime())
    .slice(0, o.limit ?? 5);
  const actors = await prisma.user.findMany({
    where: { id: { in: live.map((x) => x.c.actorId) } },
    select: { id: true, displayName: true },
  });
  const name = new Map(actors.map((a) => [a.id, a.displayName]));
  const overdue = cases.filter(
    (c) =>
      nearestClock(
        computeClocks(
          {
            discoveredAt: c.discoveredAt,
            determination: c.determination as TDetermination | null,
            notifiedAt: c.notifiedAt,
            now,
          },
          clockRules,
        ),
      )?.status === "overdue",
  ).length;
  return {
    open: cases.length,
    overdue,
    nearest: live.map((x) => ({ caseId: x.c.id, actor: name.get(x.c.actorId) ?? "—", clock: x.clock })),
  };
}
