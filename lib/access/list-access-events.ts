import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TListAccessEventsOptions = { actorId?: string; patientId?: string; limit?: number };

export async function listAccessEvents(prisma: PrismaClient, opts: TListAccessEventsOptions = {}) {
  return prisma.accessEvent.findMany({
    where: { actorId: opts.actorId, patientId: opts.patientId },
    orderBy: { recorded: "desc" },
    take: Math.min(opts.limit ?? 20, 200),
  });
}
