import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AUDIT_TYPE, recordAccessEvents } from "@/lib/access/record-access-event";

// A sign-in naming no account has no one to lock and nothing to protect but the ledger itself: one
// anchored event per attempt would let anyone grow the permanent log at the rate limit's pace.
// So such failures are counted per client address and minute, in one row updated by upsert, and
// each closed minute becomes one anchored access event with its count (docs/unknown-account-sign-ins.md).

/** How often every app instance turns closed minutes into events, besides at each failure. */
export const FLUSH_EVERY_MS = 60_000;

const minuteOf = (t: Date) => new Date(Math.floor(t.getTime() / 60_000) * 60_000);

/** Count one failed sign-in for an unknown account, then anchor the minutes that have closed. */
export async function countUnknownAccountFailure(
  prisma: PrismaClient,
  { network, now = new Date() }: { network?: string | null; now?: Date },
): Promise<void> {
  const source = (network ?? "unknown").slice(0, 64);
  await prisma.$executeRaw`
    INSERT INTO "SignInFailureTally" (source, minute, count) VALUES (${source}, ${minuteOf(now)}, 1)
    ON CONFLICT (source, minute) DO UPDATE SET count = "SignInFailureTally".count + 1`;
  await flushUnknownAccountFailures(prisma, now);
}

/**
 * Turn every tally of a minute before `now`'s into one access event (outcome 4, the count and the
 * minute in outcomeDesc, the address as network) and delete it, in one transaction: a tally is
 * anchored exactly once, and two instances flushing at once block on the rows and anchor them once.
 */
export async function flushUnknownAccountFailures(prisma: PrismaClient, now: Date = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const closed = await tx.$queryRaw<{ source: string; minute: Date; count: number }[]>`
      DELETE FROM "SignInFailureTally" WHERE minute < ${minuteOf(now)} RETURNING source, minute, count`;
    if (closed.length === 0) return 0;
    await recordAccessEvents(
      tx,
      closed.map((t) => ({
        ...AUDIT_TYPE.userAuthentication,
        subtype: AUDIT_TYPE.userAuthentication.subtype.login,
        action: "E" as const,
        outcome: "4" as const,
        outcomeDesc: `unknown account: ${t.count} attempt${t.count === 1 ? "" : "s"} in the minute from ${t.minute.toISOString().slice(0, 16)}Z`,
        network: t.source === "unknown" ? null : t.source,
      })),
    );
    return closed.length;
  });
}

/** In every app instance: flush closed minutes even when no further failure comes. */
export function startUnknownAccountFlush(prisma: () => PrismaClient): () => void {
  const timer = setInterval(() => {
    flushUnknownAccountFailures(prisma()).catch((error: unknown) =>
      console.error(`[sign-in] tally flush failed: ${error instanceof Error ? error.name : typeof error}`),
    );
  }, FLUSH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
