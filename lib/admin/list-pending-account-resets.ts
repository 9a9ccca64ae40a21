import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { usersById } from "./users-by-id";

/** Password and MFA resets waiting for a second administrator, oldest first. */
export async function listPendingAccountResets(prisma: PrismaClient) {
  const resets = await prisma.accountReset.findMany({ where: { decision: null }, orderBy: { createdAt: "asc" } });
  const byId = await usersById(
    prisma,
    resets.flatMap((r) => [r.targetUserId, r.requestedById]),
  );
  return resets.map((r) => ({
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    requestedById: r.requestedById,
    target: byId.get(r.targetUserId) ?? null,
    requestedBy: byId.get(r.requestedById) ?? null,
  }));
}
export type TPendingAccountReset = Awaited<ReturnType<typeof listPendingAccountResets>>[number];
