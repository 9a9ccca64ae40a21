import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** How a report's PDF shows an instant: to the second, readable, short enough for a table cell. */
export const utcSeconds = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;

/**
 * The period of a report about the log as a whole: from its first block to the issue. The first
 * block can be sealed after the issue time was taken (a log that just started), and with no
 * block yet there is nothing before the issue: either way the period starts at the issue, never after.
 */
export async function sinceFirstBlock(prisma: PrismaClient, issuedAt: Date): Promise<{ start: Date; end: Date }> {
  const first = await prisma.ledgerBlock.findFirst({ orderBy: { height: "asc" }, select: { sealedAt: true } });
  return { start: first && first.sealedAt < issuedAt ? first.sealedAt : issuedAt, end: issuedAt };
}
