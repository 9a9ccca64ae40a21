import "server-only";
import { dbBytes } from "@/lib/db/bytes";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { currentKek } from "@/lib/keys/kek";
import { unwrapCaseKey, wrapCaseKey } from "@/lib/keys/case-key";

export type TRewrapCaseKeysResult = { rewrapped: number; alreadyCurrent: number; failed: string[] };

/**
 * Part of a KEK rotation (docs/key-rotation.md): re-wrap every privacy case's data key still
 * wrapped under an older KEK, so removing HL_KEK_PREVIOUS afterwards leaves case notes readable.
 * Case documentation is kept six years, so this matters more than for any short-lived secret.
 * Resumable: only cases whose kekId is not the current one are visited; an update applies only
 * if the row still holds the wrapping that was read.
 */
export async function rewrapCaseKeys(prisma: PrismaClient): Promise<TRewrapCaseKeysResult> {
  const { kekId } = currentKek();
  const result: TRewrapCaseKeysResult = {
    rewrapped: 0,
    alreadyCurrent: await prisma.privacyCase.count({ where: { kekId } }),
    failed: [],
  };
  const cases = await prisma.privacyCase.findMany({
    where: { NOT: { kekId } },
    select: { id: true, wrappedKey: true, kekId: true },
    orderBy: { id: "asc" },
  });
  for (const c of cases) {
    let dek: Buffer;
    try {
      dek = unwrapCaseKey(c.wrappedKey, c.id);
    } catch {
      result.failed.push(c.id);
      continue;
    }
    const next = wrapCaseKey(dek, c.id);
    dek.fill(0);
    const r = await prisma.privacyCase.updateMany({
      where: { id: c.id, kekId: c.kekId },
      data: { wrappedKey: dbBytes(next.wrappedKey), kekId: next.kekId },
    });
    result.rewrapped += r.count;
  }
  return result;
}
