import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { HashingBusyError } from "./hashing-slots";
import { hashPassword, verifyPassword } from "./password";
import { recordAdminAction } from "./record-admin-action";
import { END_SESSIONS } from "./session-validity";

/** NIST SP 800-63B §5.1.1.2: at least 8 characters, at least 64 allowed; we ask 12 and allow 256. */
export const MIN_PASSWORD_LENGTH = 12;

export const ZChangePassword = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(1024),
    next: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(256, "Choose a password of at most 256 characters."),
    confirm: z.string().max(256),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "The two new passwords differ." })
  .refine((v) => v.next !== v.current, {
    path: ["next"],
    message: "Choose a password different from the current one.",
  });
export type TChangePassword = z.input<typeof ZChangePassword>;

/**
 * A user replaces their own password (after a one-time password, or whenever they like). The
 * current password is asked again, so a borrowed session cannot lock the owner out. Every session
 * of the account ends, this one included: the user signs in again with the new password. Anchored
 * as an admin action by the user on their own account.
 */
export async function changeOwnPassword(prisma: PrismaClient, input: { userId: string } & TChangePassword) {
  const { current, next } = ZChangePassword.parse(input);
  const user = await prisma.user.findUnique({ where: { id: input.userId } });
  if (!user || user.disabled) throw new AppError("not_found", "No such account.");
  const matches = await verifyPassword(current, user.passwordHash).catch((error: unknown) => {
    if (!(error instanceof HashingBusyError)) throw error;
    throw new AppError("unavailable", "Many people are signing in at this moment. Try again in a few seconds.", [], {
      retryAfterSeconds: 5,
    });
  });
  if (!matches) throw new AppError("unprocessable", "The current password is not correct.");
  const passwordHash = await hashPassword(next);
  await prisma.$transaction(async (tx) => {
    // Only if nothing changed the password meanwhile (an admin's reset, a second tab).
    const updated = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash, disabled: false },
      data: { passwordHash, mustChangePassword: false, ...END_SESSIONS },
    });
    if (updated.count !== 1) throw new AppError("conflict", "The password was changed meanwhile: sign in again.");
    await recordAdminAction(tx, { actorId: user.id, action: "user.password_change", targetUserId: user.id });
  });
}
