import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { AppError } from "@/lib/errors";
import { passwordResetNeedsApproval } from "./account-reset-policy";
import { applyAccountReset, newOneTimePassword } from "./apply-account-reset";
import { requestAccountReset } from "./request-account-reset";
import { lockUser, requireActiveAdmin } from "./require-admin";

export const ZResetPassword = z.object({ userId: z.uuid("Unknown user.") });

export type TResetPasswordResult =
  { userId: string; status: "applied"; password: string } | { userId: string; status: "pending"; resetId: string };

/**
 * Give a user a new one-time password, for the admin to hand over in person; it must be replaced
 * at the next sign-in. For an account that sees patient data (account-reset-policy.ts) this is
 * only a request that a different admin approves (decideAccountReset), and the approver gets the
 * password. The TOTP enrolment is kept: a reset password alone does not get past the second factor.
 */
export async function resetPassword(
  prisma: PrismaClient,
  input: { actorId: string; userId: string },
): Promise<TResetPasswordResult> {
  const { userId } = ZResetPassword.parse({ userId: input.userId });
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (target && passwordResetNeedsApproval(target.role)) {
    const r = await requestAccountReset(prisma, { actorId: input.actorId, userId, kind: "PASSWORD" });
    return { userId, status: "pending", resetId: r.resetId };
  }
  const oneTime = await newOneTimePassword();
  await prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    const user = await lockUser(tx, userId);
    // The role may have changed since it was read above.
    if (passwordResetNeedsApproval(user.role))
      throw new AppError("conflict", "The account's role changed meanwhile: try the reset again.");
    await applyAccountReset(tx, { userId: user.id, kind: "PASSWORD", oneTime });
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: "user.password_reset",
      targetUserId: user.id,
      details: { role: user.role },
    });
  });
  return { userId, status: "applied", password: oneTime.password };
}
