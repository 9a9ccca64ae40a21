import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getLedgerPool } from "@/lib/ledger/ledger-pool";
import { configuredCheckpointStores } from "@/lib/ledger/rollback/checkpoint-stores";
import { checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { readLatestBlock } from "@/lib/ledger/read-ledger-state";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import type { TLedgerTrustContext } from "./request-ledger-trust";

/** What /admin/ledger shows: the guard's answer, the head one may re-trust, the stores, the open request. */
export async function getLedgerTrust(prisma: PrismaClient, ctx: TLedgerTrustContext = {}) {
  const pool = ctx.pool ?? getLedgerPool();
  const stores = ctx.stores ?? configuredCheckpointStores();
  const [check, latest, open] = await Promise.all([
    checkRollback(pool, stores),
    readLatestBlock(pool),
    prisma.ledgerTrustRequest.findFirst({ where: { decision: null }, orderBy: { createdAt: "desc" } }),
  ]);
  const requester = open
    ? await prisma.user.findUnique({ where: { id: open.requestedById }, select: { displayName: true } })
    : null;
  return {
    check,
    head: latest && {
      treeSize: latest.treeSize,
      rootHash: bytesToHex(latest.rootHash),
      sealedAt: latest.sealedAt,
      checkpoint: latest.checkpoint,
    },
    stores: stores.map((s) => ({ name: s.name, location: s.location })),
    pending: open && {
      id: open.id,
      treeSize: Number(open.treeSize),
      rootHash: bytesToHex(open.rootHash),
      guardState: open.guardState,
      requestedById: open.requestedById,
      requestedBy: requester?.displayName ?? null,
      createdAt: open.createdAt,
    },
  };
}
export type TLedgerTrust = Awaited<ReturnType<typeof getLedgerTrust>>;
