import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Grants of ADMIN waiting for a second administrator, oldest first. */
export async function listPendingRoleChanges(prisma: PrismaClient) {
  const changes = await prisma.roleChange.findMany({ where: { decision: null }, orderBy: { createdAt: "asc" } });
  const ids = [...new Set(changes.flatMap((c) => [c.targetUserId, c.requestedById]))];
  const users = await prisma.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, displayName: true, email: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return changes.map((c) => ({
    id: c.id,
    fromRole: c.fromRole,
    toRole: c.toRole,
    createdAt: c.createdAt,
    requestedById: c.requestedById,
    target: byId.get(c.targetUserId) ?? null,
    requestedBy: byId.get(c.requestedById) ?? null,
  }));
}
export type TPendingRoleChange = Awaited<ReturnType<typeof listPendingRoleChanges>>[number];
