import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dbBytes } from "@/lib/db/bytes";
import { currentKek } from "@/lib/keys/kek";
import { unwrapDataKey, wrapDataKey } from "@/lib/keys/patient-key";

export type TRotateKekOptions = { batchSize?: number; onProgress?: (p: { rotated: number; total: number }) => void };
export type TRotateKekResult = { kekId: string; rotated: number; failed: string[]; alreadyCurrent: number };

/**
 * Re-wrap every patient data key under the current KEK (HL_KEK / HL_KEK_ID), opening the old
 * wrapping with HL_KEK_PREVIOUS. Records are not touched: their data keys do not change.
 * Resumable: only rows whose kekId differs are visited, each batch commits on its own, and an
 * update applies only if the row still has the old wrapping (an erasure in between wins).
 */
export async function rotateKek(prisma: PrismaClient, opts: TRotateKekOptions = {}): Promise<TRotateKekResult> {
  const { kekId } = currentKek();
  const total = await prisma.patient.count({ where: { wrappedKey: { not: null }, NOT: { kekId } } });
  const alreadyCurrent = await prisma.patient.count({ where: { wrappedKey: { not: null }, kekId } });
  const failed: string[] = [];
  let rotated = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await prisma.patient.findMany({
      where: { id: { gt: after }, wrappedKey: { not: null }, NOT: { kekId } },
      select: { id: true, wrappedKey: true, kekId: true },
      orderBy: { id: "asc" },
      take: opts.batchSize ?? 500,
    });
    if (batch.length === 0) break;
    await prisma.$transaction(async (tx) => {
      for (const p of batch) {
        let dek: Buffer;
        try {
          dek = unwrapDataKey(p.wrappedKey!, p.id);
        } catch {
          failed.push(p.id);
          continue;
        }
        const next = wrapDataKey(dek, p.id);
        dek.fill(0);
        const r = await tx.patient.updateMany({
          where: { id: p.id, kekId: p.kekId, wrappedKey: { not: null } },
          data: { wrappedKey: dbBytes(next.wrappedKey), kekId: next.kekId },
        });
        rotated += r.count;
      }
    });
    after = batch[batch.length - 1].id;
    opts.onProgress?.({ rotated, total });
  }
  return { kekId, rotated, failed, alreadyCurrent };
}
