import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { REFUSAL_LABELS, REFUSAL_REASONS, type TRefusalReason } from "./check-queued-entries";

export type TRefusedEntry = {
  queueId: string;
  kind: string;
  rowId: string;
  reason: string;
  /** Short name and sentence for a known reason code; null for a code this version does not know. */
  reasonLabel: string | null;
  reasonText: string | null;
  recordedAt: Date;
  enqueuedAt: Date;
  refusedAt: Date;
};

/**
 * Queue entries the sequencer refused, newest first, for the audit-evidence page: kind, row id,
 * reason and times only. Ids are pseudonymous and refused rows are never decrypted, so nothing
 * here is PHI.
 */
export async function listRefusedEntries(
  db: PrismaClient | Prisma.TransactionClient,
  opts: { limit?: number } = {},
): Promise<{ total: number; entries: TRefusedEntry[] }> {
  const [total, rows] = await Promise.all([
    db.ledgerRefusedEntry.count(),
    db.ledgerRefusedEntry.findMany({
      orderBy: { id: "desc" },
      take: Math.min(Math.max(opts.limit ?? 20, 1), 100),
      select: {
        queueId: true,
        kind: true,
        rowId: true,
        reason: true,
        recordedAt: true,
        enqueuedAt: true,
        refusedAt: true,
      },
    }),
  ]);
  return {
    total,
    entries: rows.map((r) => {
      const known = Object.hasOwn(REFUSAL_REASONS, r.reason) ? (r.reason as TRefusalReason) : null;
      return {
        ...r,
        queueId: r.queueId.toString(),
        reasonLabel: known && REFUSAL_LABELS[known],
        reasonText: known && REFUSAL_REASONS[known],
      };
    }),
  };
}
