import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { END_SESSIONS } from "@/lib/auth/session-validity";
import { recordAccountStatus } from "@/lib/auth/record-account-status";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { assertNotLastActiveAdmin, lockUser, requireActiveAdmin } from "./require-admin";

export const ZSetUserDisabled = z.object({ userId: z.uuid("Unknown user."), disabled: z.boolean() });
export type TSetUserDisabled = z.infer<typeof ZSetUserDisabled>;

/**
 * Disable or re-enable an account. A disabled account cannot sign in and its open sessions stop
 * working at the next request (the user is re-read every time). Admins cannot disable
 * themselves, and the last active admin cannot be disabled.
 */
export async function setUserDisabled(prisma: PrismaClient, input: { actorId: string } & TSetUserDisabled) {
  const { userId, disabled } = ZSetUserDisabled.parse({ userId: input.userId, disabled: input.disabled });
  if (userId === input.actorId && disabled) throw new AppError("conflict", "You cannot disable your own account.");
  return prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    const user = await lockUser(tx, userId);
    if (!disabled && user.terminatedAt)
      throw new AppError("conflict", "This account was terminated: create a new account instead.");
    if (user.disabled === disabled)
      throw new AppError(
        "conflict",
        disabled ? "This account is already disabled." : "This account is already enabled.",
      );
    if (disabled && user.role === "ADMIN") await assertNotLastActiveAdmin(tx, user.id);
    const updated = await tx.user.update({
      where: { id: user.id },
      // Re-enabling clears a lockout too: the admin has just vouched for the account.
      data: disabled
        ? { disabled, ...END_SESSIONS }
        : { disabled, failedLogins: 0, firstFailedAt: null, lockedUntil: null },
    });
    await recordAccountStatus(tx, { userId: user.id, status: disabled ? "disabled" : "active", byId: input.actorId });
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: disabled ? "user.disable" : "user.enable",
      targetUserId: user.id,
      details: { role: user.role },
    });
    return { userId: updated.id, disabled: updated.disabled };
  });
}
