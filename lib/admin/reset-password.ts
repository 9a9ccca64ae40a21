import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { END_SESSIONS } from "@/lib/auth/session-validity";
import { generateOneTimePassword } from "./one-time-password";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { lockUser, requireActiveAdmin } from "./require-admin";

export const ZResetPassword = z.object({ userId: z.uuid("Unknown user.") });

/**
 * Replace a user's password with a new random one, shown once to the admin who hands it over
 * in person. The lockout is cleared. The TOTP enrolment is kept: a reset password alone does
 * not get past the second factor.
 */
export async function resetPassword(prisma: PrismaClient, input: { actorId: string; userId: string }) {
  const { userId } = ZResetPassword.parse({ userId: input.userId });
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    const user = await lockUser(tx, userId);
    await tx.user.update({
      where: { id: user.id },
      data: {
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        firstFailedAt: null,
        lockedUntil: null,
        ...END_SESSIONS,
      },
    });
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: "user.password_reset",
      targetUserId: user.id,
      details: { role: user.role },
    });
  });
  return { userId, password };
}
