import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { LedgerPool } from "@/lib/ledger/ledger-pool";
import type { TCheckpointStore } from "@/lib/ledger/rollback/checkpoint-store";
import { checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { confirmsRoot, ZLedgerTrustRequestInput, type TLedgerTrustRequestInput } from "./ledger-trust-input";
import { requireActiveAdmin } from "./require-admin";

/** Advisory lock key ("HLTR"): one re-trust request or decision at a time. */
export const LEDGER_TRUST_LOCK_KEY = 0x484c5452;

export type TLedgerTrustContext = { pool?: LedgerPool; stores?: readonly TCheckpointStore[] };

/**
 * Ask to re-trust the ledger head at `treeSize` while the rollback guard is closed. Like a grant
 * of ADMIN (requestRoleChange) it is only a request: a different administrator must approve it
 * (decideLedgerTrust). The admin types the start of the root hash they saw; the request, its
 * admin action and both leaves commit together.
 */
export async function requestLedgerTrust(
  prisma: PrismaClient,
  input: { actorId: string } & TLedgerTrustRequestInput & TLedgerTrustContext,
) {
  const { treeSize, confirm } = ZLedgerTrustRequestInput.parse({ treeSize: input.treeSize, confirm: input.confirm });
  const check = await checkRollback(input.pool, input.stores);
  if (check.ok) throw new AppError("conflict", "The ledger head is trusted: there is nothing to re-trust.");
  if (check.state === "store_error")
    throw new AppError("conflict", `Repair the store first: ${check.reason}. A re-trust cannot be written there.`);
  return prisma.$transaction(async (tx) => {
    await requireActiveAdmin(tx, input.actorId);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LEDGER_TRUST_LOCK_KEY})`;
    const open = await tx.ledgerTrustRequest.findFirst({ where: { decision: null } });
    if (open) throw new AppError("conflict", "A re-trust request is already waiting: decide or withdraw it first.");
    const block = await tx.ledgerBlock.findUnique({ where: { treeSize: BigInt(treeSize) } });
    if (!block) throw new AppError("not_found", "No sealed block ends at that tree size: reload the page.");
    const rootHex = bytesToHex(block.rootHash);
    if (!confirmsRoot(confirm, rootHex))
      throw new AppError("unprocessable", "The characters typed are not the start of this head's root hash.");
    const request = await tx.ledgerTrustRequest.create({
      data: {
        logId: check.logId!,
        treeSize: block.treeSize,
        rootHash: block.rootHash,
        guardState: check.state,
        issuedTreeSize: check.issuedTreeSize === null ? null : BigInt(check.issuedTreeSize),
        requestedById: input.actorId,
      },
    });
    await enqueueLeaf(tx, { kind: "ledger_trust_request", row: request });
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: "ledger.trust_request",
      targetUserId: null,
      details: { ledgerTrustRequestId: request.id, treeSize },
    });
    return { requestId: request.id, treeSize, rootHash: rootHex };
  });
}
