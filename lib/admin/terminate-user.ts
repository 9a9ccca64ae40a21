import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { recordAccountStatus } from "@/lib/auth/record-account-status";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { END_SESSIONS } from "@/lib/auth/session-validity";
import { assertNotLastActiveAdmin, lockUser, requireActiveAdmin } from "./require-admin";

export const ZTerminateUser = z.object({ userId: z.uuid("Unknown user.") });

/**
 * End an employment: the account is disabled for good (it cannot be re-enabled) and the
 * termination is anchored, so the monitoring rules can tell an act after termination from one
 * before it. The account row stays: its history and access events refer to it.
 */
export async function terminateUser(prisma: PrismaClient, input: { actorId: string; userId: string }) {
  const { userId } = ZTerminateUser.parse({ userId: input.userId });
  if (userId === input.actorId) throw new AppError("conflict", "You cannot terminate your own account.");
  return prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    const user = await lockUser(tx, userId);
    if (user.terminatedAt) throw new AppError("conflict", "This account is already terminated.");
    if (user.role === "ADMIN") await assertNotLastActiveAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { disabled: true, ...END_SESSIONS } });
    const change = await recordAccountStatus(tx, { userId: user.id, status: "terminated", byId: input.actorId });
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: "user.terminate",
      targetUserId: user.id,
      details: { role: user.role },
    });
    return { userId: user.id, terminatedAt: change.createdAt };
  });
}
