import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { openMfaSecret, sealMfaSecret } from "./mfa-secret";
import { newTotpSecret, totpSecretToBase32, totpUri } from "./totp";

export type TMfaEnrolment = { secretBase32: string; uri: string };

/**
 * The pending TOTP secret for a user who has not enrolled yet: created on first call and kept
 * (encrypted) until confirmed, so reloading the page does not invalidate a scanned code.
 */
export async function startMfaEnrolment(prisma: PrismaClient, userId: string): Promise<TMfaEnrolment> {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) throw new AppError("not_found", "No such account.");
  if (user.mfaEnabledAt)
    throw new AppError("conflict", "Multi-factor authentication is already set up for this account.");
  let secret: Uint8Array;
  if (user.mfaSecret) {
    secret = openMfaSecret(user.id, user.mfaSecret);
  } else {
    secret = newTotpSecret();
    await prisma.user.update({ where: { id: user.id }, data: { mfaSecret: sealMfaSecret(user.id, secret) } });
  }
  return { secretBase32: totpSecretToBase32(secret), uri: totpUri({ secret, label: user.email }) };
}
