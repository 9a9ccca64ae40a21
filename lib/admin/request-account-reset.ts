import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { AppError } from "@/lib/errors";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { lockUser, requireActiveAdmin } from "./require-admin";

export const ZAccountResetRequest = z.object({
  userId: z.uuid("Unknown user."),
  kind: z.enum(["PASSWORD", "MFA"], "Choose a password or an MFA reset."),
});
export type TAccountResetRequest = z.infer<typeof ZAccountResetRequest>;

/**
 * Ask for another account's password or MFA to be reset. Nothing changes until a different admin
 * approves (decideAccountReset). One open request per account and kind. Anchored with its admin
 * action. Admins reset their own account through another admin too.
 */
export async function requestAccountReset(prisma: PrismaClient, input: { actorId: string } & TAccountResetRequest) {
  const { userId, kind } = ZAccountResetRequest.parse({ userId: input.userId, kind: input.kind });
  return prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    const user = await lockUser(tx, userId);
    if (kind === "MFA" && !user.mfaEnabledAt && !user.mfaSecret)
      throw new AppError("conflict", "This account has no two-step sign-in to reset.");
    const open = await tx.accountReset.findFirst({ where: { targetUserId: user.id, kind, decision: null } });
    if (open) throw new AppError("conflict", "A reset of this kind is already waiting for approval: decide it first.");
    const reset = await tx.accountReset.create({ data: { kind, targetUserId: user.id, requestedById: input.actorId } });
    await enqueueLeaf(tx, { kind: "account_reset", row: reset });
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: kind === "MFA" ? "mfa.reset_request" : "user.password_reset_request",
      targetUserId: user.id,
      details: { role: user.role, resetId: reset.id },
    });
    return { resetId: reset.id, status: "pending" as const };
  });
}
