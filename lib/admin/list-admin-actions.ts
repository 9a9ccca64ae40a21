import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TAdminActionDetails } from "@/lib/auth/record-admin-action";

const DEFAULT_LIMIT = 100;

/**
 * The history of admin actions, newest first, with who did it to whom and, once the sequencer
 * has sealed the row, its index in the ledger (provable with an inclusion proof).
 */
export async function listAdminActions(prisma: PrismaClient, opts: { limit?: number; targetUserId?: string } = {}) {
  const actions = await prisma.adminAction.findMany({
    where: opts.targetUserId ? { targetUserId: opts.targetUserId } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(opts.limit ?? DEFAULT_LIMIT, 500),
  });
  const userIds = [...new Set(actions.flatMap((a) => (a.targetUserId ? [a.actorId, a.targetUserId] : [a.actorId])))];
  const [users, entries] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true, email: true } }),
    prisma.ledgerEntry.findMany({
      where: { kind: "admin_action", rowId: { in: actions.map((a) => a.id) } },
      select: { rowId: true, index: true },
    }),
  ]);
  const userBy = new Map(users.map((u) => [u.id, u]));
  const indexBy = new Map(entries.map((e) => [e.rowId, Number(e.index)]));
  return actions.map((a) => ({
    id: a.id,
    action: a.action,
    createdAt: a.createdAt,
    actor: userBy.get(a.actorId) ?? { id: a.actorId, displayName: "unknown", email: "" },
    target: a.targetUserId
      ? (userBy.get(a.targetUserId) ?? { id: a.targetUserId, displayName: "unknown", email: "" })
      : null,
    details: (a.details ?? {}) as TAdminActionDetails,
    ledgerIndex: indexBy.get(a.id) ?? null,
  }));
}
export type TAdminActionEntry = Awaited<ReturnType<typeof listAdminActions>>[number];
