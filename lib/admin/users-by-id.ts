import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The accounts named by pending requests (target, requester), one query for a whole list. */
export async function usersById(prisma: PrismaClient, ids: Iterable<string>) {
  const users = await prisma.user.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, displayName: true, email: true, role: true },
  });
  return new Map(users.map((u) => [u.id, u]));
}
