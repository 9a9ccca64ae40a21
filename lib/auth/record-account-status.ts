import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";

export const ACCOUNT_STATUSES = ["active", "disabled", "terminated"] as const;
export type TAccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * Append an account status change and queue its leaf, and keep User.disabledAt / terminatedAt
 * (the latest times, read by the monitoring rules without the history) in step, all in the
 * caller's transaction. The history is what the account-status rule evaluates events against.
 */
export async function recordAccountStatus(
  tx: Prisma.TransactionClient,
  input: { userId: string; status: TAccountStatus; byId: string; at?: Date },
) {
  // `at`: when it happened, for history carried over from an earlier system (the demo's 30 days);
  // the leaf covers it and the block's sealedAt shows when it was anchored. Defaults to now.
  const { at, ...change } = input;
  const row = await tx.accountStatusChange.create({ data: { ...change, ...(at ? { createdAt: at } : {}) } });
  await enqueueLeaf(tx, { kind: "account_status_change", row });
  if (input.status !== "active") {
    await tx.user.update({
      where: { id: input.userId },
      data: input.status === "disabled" ? { disabledAt: row.createdAt } : { terminatedAt: row.createdAt },
    });
  }
  return row;
}
