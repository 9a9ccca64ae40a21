import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { open, seal } from "@/lib/keys/aes-gcm";
import { currentKek, previousKek } from "@/lib/keys/kek";

const IV_LENGTH = 12;

export type TRewrapMfaResult = { rewrapped: number; alreadyCurrent: number; failed: string[] };

/**
 * Part of a KEK rotation: re-seal every TOTP secret still sealed under HL_KEK_PREVIOUS with the
 * current KEK, so removing the old key afterwards does not lock enrolled users out. There is no
 * key id on the row (few rows): trying the current KEK first tells the two apart.
 */
export async function rewrapMfaSecrets(prisma: PrismaClient): Promise<TRewrapMfaResult> {
  const current = currentKek().kek;
  const previous = previousKek()?.kek;
  const users = await prisma.user.findMany({
    where: { mfaSecret: { not: null } },
    select: { id: true, mfaSecret: true },
  });
  const result: TRewrapMfaResult = { rewrapped: 0, alreadyCurrent: 0, failed: [] };
  for (const u of users) {
    const buf = Buffer.from(u.mfaSecret!);
    const sealed = { iv: buf.subarray(0, IV_LENGTH), ciphertext: buf.subarray(IV_LENGTH) };
    const aad = `mfa:${u.id}`;
    try {
      open(current, sealed, aad);
      result.alreadyCurrent++;
      continue;
    } catch {
      // not under the current KEK: try the previous one below
    }
    try {
      if (!previous) throw new Error("no previous KEK");
      const secret = open(previous, sealed, aad);
      const next = seal(current, secret, aad);
      secret.fill(0);
      // Only if unchanged since read: a re-enrolment in between wins.
      const r = await prisma.user.updateMany({
        where: { id: u.id, mfaSecret: { equals: new Uint8Array(buf) } },
        data: { mfaSecret: new Uint8Array(Buffer.concat([next.iv, next.ciphertext])) },
      });
      result.rewrapped += r.count;
    } catch {
      result.failed.push(u.id);
    }
  }
  return result;
}
