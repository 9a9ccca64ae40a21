import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Re-check the actor inside the transaction: the route already checked the permission, but a
 * role or account state may have changed since, and lib functions are also called directly.
 */
export async function requireActiveAdmin(tx: Prisma.TransactionClient, actorId: string) {
  const actor = await tx.user.findUnique({ where: { id: actorId } });
  if (!actor || actor.disabled || actor.role !== "ADMIN")
    throw new AppError("forbidden", "Only an active administrator can do this.");
  return actor;
}

/** Lock the active admins' rows and refuse when `leavingId` is the last one. */
export async function assertNotLastActiveAdmin(tx: Prisma.TransactionClient, leavingId: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "User" WHERE role = 'ADMIN' AND NOT disabled ORDER BY id FOR UPDATE`;
  if (admins.every((a) => a.id === leavingId)) {
    throw new AppError("conflict", "This is the last active administrator: appoint another one first.");
  }
}

/** Lock one user row for the rest of the transaction. */
export async function lockUser(tx: Prisma.TransactionClient, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("not_found", "No such user.");
  return user;
}
