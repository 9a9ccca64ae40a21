import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";

// The history of accounts (AdminAction) sits with the accounts themselves, in lib/auth: an
// administrator's changes (lib/admin, which builds on auth) and a user's own MFA enrolment
// (lib/auth) both write it, so auth never has to reach up into admin.

/** Every action code an admin (or a user on their own account) can leave in AdminAction. */
export const ADMIN_ACTIONS = {
  "user.create": "Created account",
  "user.disable": "Disabled account",
  "user.enable": "Enabled account",
  "user.password_reset": "Reset password",
  "role.change": "Changed role",
  "role.request": "Requested role change",
  "role.approve": "Approved role change",
  "role.reject": "Rejected role change",
  "mfa.enrol": "Enrolled in MFA",
  "ledger.trust_request": "Requested re-trust of the ledger head",
  "ledger.trust_approve": "Approved re-trust of the ledger head",
  "ledger.trust_reject": "Rejected re-trust of the ledger head",
  "user.password_change": "Changed own password",
  "user.password_reset_request": "Requested password reset",
  "mfa.reset_request": "Requested MFA reset",
  "mfa.reset": "Reset MFA",
  "account_reset.reject": "Rejected account reset",
  "user.terminate": "Terminated account",
  "monitor.rule_set_activate": "Activated monitoring rule set",
} as const;
export type TAdminActionCode = keyof typeof ADMIN_ACTIONS;

/**
 * Ids and codes only: these land in the ledger leaf, so never a password, a secret or free
 * text. Adding a key is fine (details is stored as given); never rename one.
 */
export type TAdminActionDetails = {
  fromRole?: Role;
  toRole?: Role;
  role?: Role;
  roleChangeId?: string;
  resetId?: string;
  requestedById?: string;
  /** Re-trusting the ledger head: the request, and the tree size it trusts. */
  ledgerTrustRequestId?: string;
  treeSize?: number;
  /** Activating a monitoring rule set: its version and hash. */
  ruleSetVersion?: number;
  ruleSetHash?: string;
};

/** Write the AdminAction row and queue its ledger leaf in the caller's transaction. */
export async function recordAdminAction(
  tx: Prisma.TransactionClient,
  input: { actorId: string; action: TAdminActionCode; targetUserId: string | null; details?: TAdminActionDetails },
) {
  const row = await tx.adminAction.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      targetUserId: input.targetUserId,
      details: input.details ?? {},
    },
  });
  await enqueueLeaf(tx, { kind: "admin_action", row });
  return row;
}
