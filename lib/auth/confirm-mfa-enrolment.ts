import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAdminAction } from "./record-admin-action";
import { AppError } from "@/lib/errors";
import { openMfaSecret } from "./mfa-secret";
import { matchTotpStep } from "./totp";
import { MFA_CONFIRM_PER_ACCOUNT, takeRateLimits } from "./rate-limit";

export const ZMfaCode = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code your authenticator app shows."));

/**
 * Turn on TOTP for a user once they prove their app holds the pending secret. From then on
 * sign-in asks for a code. Anchored as an admin action by the user on their own account.
 */
export async function confirmMfaEnrolment(
  prisma: PrismaClient,
  input: { userId: string; code: string; now?: Date },
): Promise<{ enabledAt: Date }> {
  const code = ZMfaCode.parse(input.code);
  const now = input.now ?? new Date();
  // Six digits are guessable at volume: a few tries per account and window, then wait.
  const limited = await takeRateLimits(prisma, [{ limit: MFA_CONFIRM_PER_ACCOUNT, subject: input.userId }], now);
  if (!limited.allowed)
    throw new AppError("rate_limited", `Too many codes tried. Try again in ${limited.retryAfterSeconds} seconds.`);
  return prisma.$transaction(async (tx) => {
    // Row lock: two confirmations racing must not both record an enrolment.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${input.userId}::uuid FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user || user.disabled) throw new AppError("not_found", "No such account.");
    if (user.mfaEnabledAt)
      throw new AppError("conflict", "Multi-factor authentication is already set up for this account.");
    if (!user.mfaSecret) throw new AppError("conflict", "Start the set-up again: no pending secret.");
    const step = matchTotpStep({ secret: openMfaSecret(user.id, user.mfaSecret), code, now });
    if (step === null) {
      throw new AppError(
        "unprocessable",
        "That code does not match. Check the time on your device and enter the current code.",
      );
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { mfaEnabledAt: now, mfaLastStep: step } });
    await recordAdminAction(tx, {
      actorId: user.id,
      action: "mfa.enrol",
      targetUserId: user.id,
      details: { role: user.role },
    });
    return { enabledAt: updated.mfaEnabledAt ?? now };
  });
}
