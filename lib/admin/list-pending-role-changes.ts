import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { usersById } from "./users-by-id";

/** Grants of ADMIN waiting for a second administrator, oldest first. */
export async function listPendingRoleChanges(prisma: PrismaClient) {
  const changes = await prisma.roleChange.findMany({ where: { decision: null }, orderBy: { createdAt: "asc" } });
  const byId = await usersById(
    prisma,
    changes.flatMap((c) => [c.targetUserId, c.requestedById]),
  );
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
