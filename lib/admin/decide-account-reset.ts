import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { AppError } from "@/lib/errors";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { applyAccountReset, newOneTimePassword } from "./apply-account-reset";
import { lockUser, requireActiveAdmin } from "./require-admin";

export const ZAccountResetDecision = z.object({ resetId: z.uuid("Unknown request."), approve: z.boolean() });
export type TAccountResetDecision = z.infer<typeof ZAccountResetDecision>;

/**
 * Approve or reject a pending account reset. Only a different admin than the requester may
 * approve, never for their own account (four eyes); the requester may reject, which withdraws it.
 * An approved password reset returns the one-time password, once, to the approver.
 */
export async function decideAccountReset(prisma: PrismaClient, input: { actorId: string } & TAccountResetDecision) {
  const { resetId, approve } = ZAccountResetDecision.parse({ resetId: input.resetId, approve: input.approve });
  // Hashed up front (it is slow); used only if this turns out to be an approved password reset.
  const oneTime = approve ? await newOneTimePassword() : null;
  return prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    // Lock the request: two admins deciding at once get one decision and one 409.
    // Not FOR UPDATE: that needs UPDATE on the table, and the app role has none on history
    // (lib/db/roles/table-privileges.ts). A transaction-scoped lock on the request's id serialises the same.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"AccountReset:" + resetId}))`;
    const reset = await tx.accountReset.findUnique({ where: { id: resetId }, include: { decision: true } });
    if (!reset) throw new AppError("not_found", "No such reset request.");
    if (reset.decision) throw new AppError("conflict", "This request has already been decided.");
    if (approve && reset.requestedById === input.actorId)
      throw new AppError("forbidden", "You requested this reset: a different administrator must approve it.");
    if (approve && reset.targetUserId === input.actorId)
      throw new AppError("forbidden", "You cannot approve a reset of your own account.");
    const user = await lockUser(tx, reset.targetUserId);
    if (approve && user.disabled)
      throw new AppError("conflict", "The account is disabled: enable it first or reject the request.");

    const decision = await tx.accountResetDecision.create({
      data: { resetId: reset.id, approved: approve, decidedById: input.actorId },
    });
    await enqueueLeaf(tx, { kind: "account_reset_decision", row: decision });
    if (approve) await applyAccountReset(tx, { userId: user.id, kind: reset.kind, oneTime });
    const done = reset.kind === "MFA" ? "mfa.reset" : "user.password_reset";
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: approve ? done : "account_reset.reject",
      targetUserId: user.id,
      details: { role: user.role, resetId: reset.id, requestedById: reset.requestedById },
    });
    return {
      resetId: reset.id,
      kind: reset.kind,
      approved: approve,
      password: approve && reset.kind === "PASSWORD" ? oneTime!.password : null,
    };
  });
}
