import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AccountResetKind } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";
import { END_SESSIONS } from "@/lib/auth/session-validity";
import { generateOneTimePassword } from "./one-time-password";

export type TOneTimePassword = { password: string; passwordHash: string };

/** Hashed before the transaction: scrypt takes a third of a second, too long to hold a row lock. */
export async function newOneTimePassword(): Promise<TOneTimePassword> {
  const password = generateOneTimePassword();
  return { password, passwordHash: await hashPassword(password) };
}

/**
 * Apply a reset to a locked user row. A password reset sets the one-time password (to be replaced
 * at the next sign-in) and clears the lockout; an MFA reset removes the enrolment, so the next
 * sign-in asks for a new one (required for admins and compliance officers). Both end every
 * session of the account.
 */
export async function applyAccountReset(
  tx: Prisma.TransactionClient,
  input: { userId: string; kind: AccountResetKind; oneTime: TOneTimePassword | null },
) {
  if (input.kind === "MFA") {
    await tx.user.update({
      where: { id: input.userId },
      data: { mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null, ...END_SESSIONS },
    });
    return;
  }
  if (!input.oneTime) throw new TypeError("a password reset needs a one-time password");
  await tx.user.update({
    where: { id: input.userId },
    data: {
      passwordHash: input.oneTime.passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      firstFailedAt: null,
      lockedUntil: null,
      ...END_SESSIONS,
    },
  });
}
