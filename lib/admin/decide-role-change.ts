import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { END_SESSIONS } from "@/lib/auth/session-validity";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { lockUser, requireActiveAdmin } from "./require-admin";

export const ZRoleChangeDecision = z.object({
  roleChangeId: z.uuid("Unknown request."),
  approve: z.boolean(),
});
export type TRoleChangeDecision = z.infer<typeof ZRoleChangeDecision>;

/**
 * Approve or reject a pending grant of ADMIN. Only a different admin may approve (four
 * eyes); the requester may reject, which withdraws the request. Approval applies the role
 * only if the user still has the role the request started from and is still enabled.
 */
export async function decideRoleChange(prisma: PrismaClient, input: { actorId: string } & TRoleChangeDecision) {
  const { roleChangeId, approve } = ZRoleChangeDecision.parse({
    roleChangeId: input.roleChangeId,
    approve: input.approve,
  });
  return prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    // Lock the request: two admins deciding at once get one decision and one 409.
    // Not FOR UPDATE: that needs UPDATE on the table, and the app role has none on history
    // (lib/db/roles/table-privileges.ts). A transaction-scoped lock on the request's id serialises the same.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"RoleChange:" + roleChangeId}))`;
    const change = await tx.roleChange.findUnique({ where: { id: roleChangeId }, include: { decision: true } });
    if (!change) throw new AppError("not_found", "No such role change request.");
    if (change.decision) throw new AppError("conflict", "This request has already been decided.");
    if (approve && change.requestedById === input.actorId) {
      throw new AppError("forbidden", "You requested this change: a different administrator must approve it.");
    }
    if (approve && change.targetUserId === input.actorId)
      throw new AppError("forbidden", "You cannot approve a change of your own role.");
    const user = await lockUser(tx, change.targetUserId);
    if (approve && user.role !== change.fromRole) {
      throw new AppError("conflict", "The user's role has changed since this request: reject it and request again.");
    }
    if (approve && user.disabled)
      throw new AppError("conflict", "The account is disabled: enable it first or reject the request.");

    const decision = await tx.roleChangeDecision.create({
      data: { roleChangeId: change.id, approved: approve, decidedById: input.actorId },
    });
    await enqueueLeaf(tx, { kind: "role_change_decision", row: decision });
    if (approve) await tx.user.update({ where: { id: user.id }, data: { role: change.toRole, ...END_SESSIONS } });
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: approve ? "role.approve" : "role.reject",
      targetUserId: user.id,
      details: {
        fromRole: change.fromRole,
        toRole: change.toRole,
        roleChangeId: change.id,
        requestedById: change.requestedById,
      },
    });
    return { roleChangeId: change.id, approved: approve };
  });
}
