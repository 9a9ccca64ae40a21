import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { writeCheckpoint } from "@/lib/ledger/rollback/record-checkpoint";
import { checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { confirmsRoot, ZLedgerTrustDecisionInput, type TLedgerTrustDecisionInput } from "./ledger-trust-input";
import { LEDGER_TRUST_LOCK_KEY, type TLedgerTrustContext } from "./request-ledger-trust";
import { requireActiveAdmin } from "./require-admin";

/**
 * Approve or reject a re-trust request. Four eyes, as for grants of ADMIN (decideRoleChange):
 * only a different administrator may approve, typing the start of the root hash themselves;
 * the requester may reject, which withdraws it. Approval writes the requested head into every
 * checkpoint store in place of what they held, which opens the rollback guard.
 */
export async function decideLedgerTrust(
  prisma: PrismaClient,
  input: { actorId: string } & TLedgerTrustDecisionInput & TLedgerTrustContext,
) {
  const { requestId, approve, confirm } = ZLedgerTrustDecisionInput.parse({
    requestId: input.requestId,
    approve: input.approve,
    confirm: input.confirm,
  });
  return prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    // One decision at a time: two admins deciding at once get one decision and one 409.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LEDGER_TRUST_LOCK_KEY})`;
    const request = await tx.ledgerTrustRequest.findUnique({ where: { id: requestId }, include: { decision: true } });
    if (!request) throw new AppError("not_found", "No such re-trust request.");
    if (request.decision) throw new AppError("conflict", "This request has already been decided.");
    const rootHex = bytesToHex(request.rootHash);
    if (approve) {
      if (request.requestedById === input.actorId)
        throw new AppError("forbidden", "You requested this re-trust: a different administrator must approve it.");
      if (!confirm || !confirmsRoot(confirm, rootHex))
        throw new AppError("unprocessable", "Type the first 8 characters of the requested root hash to approve.");
      const check = await checkRollback(input.pool, input.stores);
      if (check.ok) throw new AppError("conflict", "The ledger head is trusted again already: reject this request.");
      if (check.logId !== request.logId)
        throw new AppError("conflict", "The database holds another ledger than when this was requested: reject it.");
      const block = await tx.ledgerBlock.findUnique({ where: { treeSize: request.treeSize } });
      if (!block || bytesToHex(block.rootHash) !== rootHex)
        throw new AppError("conflict", "The ledger no longer has the requested head: reject this request.");
    }
    const decision = await tx.ledgerTrustDecision.create({
      data: { requestId: request.id, approved: approve, decidedById: input.actorId },
    });
    await enqueueLeaf(tx, { kind: "ledger_trust_decision", row: decision });
    const treeSize = Number(request.treeSize);
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: approve ? "ledger.trust_approve" : "ledger.trust_reject",
      targetUserId: null,
      details: { ledgerTrustRequestId: request.id, requestedById: request.requestedById, treeSize },
    });
    if (approve) {
      // Last, inside the transaction: if a store refuses, nothing of the approval is committed.
      const block = (await tx.ledgerBlock.findUnique({ where: { treeSize: request.treeSize } }))!;
      await writeCheckpoint({
        logId: request.logId,
        block: { treeSize, rootHash: block.rootHash, checkpoint: block.checkpoint },
        stores: input.stores,
        options: { supersede: true, trustRequestId: request.id },
      });
    }
    return { requestId: request.id, approved: approve, treeSize };
  });
}
