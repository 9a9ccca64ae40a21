import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { END_SESSIONS } from "@/lib/auth/session-validity";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { assertNotLastActiveAdmin, lockUser, requireActiveAdmin } from "./require-admin";

/** PATIENT is left out: portal accounts belong to a patient record and never change role. */
export const ASSIGNABLE_ROLES = ["ADMIN", "COMPLIANCE_OFFICER", "CLINICIAN", "AUDITOR"] as const;

export const ZRoleChangeRequest = z.object({
  userId: z.uuid("Unknown user."),
  toRole: z.enum(ASSIGNABLE_ROLES, "Choose administrator, compliance officer, clinician or auditor."),
});
export type TRoleChangeRequest = z.infer<typeof ZRoleChangeRequest>;

export type TRoleChangeResult = { roleChangeId: string; status: "applied" | "pending" };

/**
 * Change a user's role. A grant of ADMIN only opens a request that a different admin must
 * approve (decideRoleChange); every other change applies at once and is recorded as decided by
 * the requester. The RoleChange, its decision and the admin action are anchored together.
 */
export async function requestRoleChange(
  prisma: PrismaClient,
  input: { actorId: string } & TRoleChangeRequest,
): Promise<TRoleChangeResult> {
  const { userId, toRole } = ZRoleChangeRequest.parse({ userId: input.userId, toRole: input.toRole });
  if (userId === input.actorId)
    throw new AppError("conflict", "You cannot change your own role: ask another administrator.");
  return prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    const user = await lockUser(tx, userId);
    if (user.role === "PATIENT") throw new AppError("unprocessable", "Patient portal accounts cannot change role.");
    if (user.role === toRole) throw new AppError("conflict", "The user already has this role.");
    const pending = await tx.roleChange.findFirst({
      where: { targetUserId: user.id, toRole: "ADMIN", decision: null },
    });
    if (pending)
      throw new AppError(
        "conflict",
        "A request to make this user an administrator is waiting for approval: decide it first.",
      );
    if (user.role === "ADMIN") await assertNotLastActiveAdmin(tx, user.id);
    if (toRole === "ADMIN" && user.disabled)
      throw new AppError("conflict", "Enable the account before requesting the administrator role.");

    const change = await tx.roleChange.create({
      data: { targetUserId: user.id, fromRole: user.role, toRole, requestedById: input.actorId },
    });
    await enqueueLeaf(tx, { kind: "role_change", row: change });
    const details = { fromRole: change.fromRole, toRole: change.toRole, roleChangeId: change.id };
    if (toRole === "ADMIN") {
      await recordAdminAction(tx, { actorId: input.actorId, action: "role.request", targetUserId: user.id, details });
      return { roleChangeId: change.id, status: "pending" as const };
    }
    const decision = await tx.roleChangeDecision.create({
      data: { roleChangeId: change.id, approved: true, decidedById: input.actorId },
    });
    await enqueueLeaf(tx, { kind: "role_change_decision", row: decision });
    await tx.user.update({ where: { id: user.id }, data: { role: toRole, ...END_SESSIONS } });
    await recordAdminAction(tx, { actorId: input.actorId, action: "role.change", targetUserId: user.id, details });
    return { roleChangeId: change.id, status: "applied" as const };
  });
}
