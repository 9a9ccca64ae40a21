import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { openMfaSecret } from "./mfa-secret";
import { HashingBusyError } from "./hashing-slots";
import { countUnknownAccountFailure } from "./unknown-account-failures";
import { DUMMY_HASH_PROMISE, hashPassword, needsRehash, verifyPassword } from "./password";
import { matchTotpStep } from "./totp";

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(1024),
  /** The authenticator code; required once the account has enrolled in TOTP. */
  otp: z
    .string()
    .trim()
    .max(32)
    .optional()
    .transform((v) => (v ? v.replace(/\s+/g, "") : undefined)),
});

export type TSignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; message: string };

export type TSignInContext = { network?: string | null; userAgent?: string | null; now?: Date };

const INVALID = "Invalid email or password.";
const CODE_MISSING = "Enter the 6-digit authentication code from your authenticator app.";
const CODE_WRONG = "That authentication code is not valid. Check your authenticator app and try again.";
const CODE_REUSED = "That authentication code was already used. Wait for the next code and try again.";
/** What a sign-in refused by the password-check bound says; lib/http/limit-sign-in.ts answers it with 503. */
export const SIGN_IN_BUSY_MESSAGE = "Many people are signing in at this moment. Try again in a few seconds.";

/**
 * Check credentials with lockout: five failures (wrong passwords or wrong TOTP codes) within
 * 15 minutes lock the account for 15 minutes. Every attempt whose credentials were checked,
 * successful or not, is an access event. One refused because the server is already checking as
 * many passwords as it may (lib/auth/hashing-slots.ts) is not: nothing was checked, nothing is
 * counted toward the lockout, and the person is asked to try again.
 */
export async function signIn(prisma: PrismaClient, raw: unknown, ctx: TSignInContext = {}): Promise<TSignInResult> {
  try {
    return await checkCredentials(prisma, raw, ctx);
  } catch (error) {
    if (error instanceof HashingBusyError) return { ok: false, message: SIGN_IN_BUSY_MESSAGE };
    throw error;
  }
}

async function checkCredentials(prisma: PrismaClient, raw: unknown, ctx: TSignInContext): Promise<TSignInResult> {
  const now = ctx.now ?? new Date();
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  const { email, password, otp } = parsed.data;
  const user = await prisma.user.findUnique({ where: { email } });
  const event = {
    ...AUDIT_TYPE.userAuthentication,
    subtype: AUDIT_TYPE.userAuthentication.subtype.login,
    action: "E" as const,
    network: ctx.network,
    userAgent: ctx.userAgent,
    entityWhat: user ? `User/${user.id}` : null,
  };
  if (!user) {
    await verifyPassword(password, await DUMMY_HASH_PROMISE);
    // Counted per address and minute, not one ledger row each (lib/auth/unknown-account-failures.ts).
    await countUnknownAccountFailure(prisma, { network: ctx.network, now });
    return { ok: false, message: INVALID };
  }
  const actor = { actorId: user.id, actorRole: user.role };
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAccessEvent(prisma, { ...event, ...actor, outcome: "4", outcomeDesc: "account locked" });
    return { ok: false, message: lockedMessage(user.lockedUntil, now) };
  }
  if (user.disabled) {
    await recordAccessEvent(prisma, { ...event, ...actor, outcome: "4", outcomeDesc: "account disabled" });
    return { ok: false, message: "This account is disabled. Contact your administrator." };
  }
  const fail = async (what: "wrong password" | "wrong code", message: string): Promise<TSignInResult> => {
    // The counter is not anchored, its event is: one statement for the first, so parallel
    // attempts hold the row lock for a statement, not for a transaction each.
    const lockedUntil = await countFailure(prisma, user.id, now);
    await recordAccessEvent(prisma, {
      ...event,
      ...actor,
      outcome: "4",
      outcomeDesc: lockedUntil ? `${what}; account locked` : what,
    });
    return { ok: false, message: lockedUntil ? lockedMessage(lockedUntil, now) : message };
  };
  if (!(await verifyPassword(password, user.passwordHash))) return fail("wrong password", INVALID);
  if (user.mfaEnabledAt && user.mfaSecret) {
    // A missing code is not a guess: it does not count toward the lockout.
    if (!otp) {
      await recordAccessEvent(prisma, { ...event, ...actor, outcome: "4", outcomeDesc: "authentication code missing" });
      return { ok: false, message: CODE_MISSING };
    }
    const step = matchTotpStep({ secret: openMfaSecret(user.id, user.mfaSecret), code: otp, now });
    if (step === null) return fail("wrong code", CODE_WRONG);
    // A reused code is no guess (whoever sends it saw it), so it does not count toward the lockout.
    if (!(await claimTotpStep(prisma, user.id, step))) {
      await recordAccessEvent(prisma, { ...event, ...actor, outcome: "4", outcomeDesc: "code reused" });
      return { ok: false, message: CODE_REUSED };
    }
  }
  // The password is at hand only now: a hash made at an older cost is replaced by one at today's.
  const upgraded = needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(password) } : {};
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLogins: 0, firstFailedAt: null, lockedUntil: null, ...upgraded },
    });
    await recordAccessEvent(tx, { ...event, ...actor, outcome: "0" });
  });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.displayName,
      role: user.role,
      sessionVersion: user.sessionVersion,
    },
  };
}

/**
 * Count one failed attempt and lock the account at the fifth within the window; returns the new
 * lock's end, or null. One statement, computed from the row as it stands once its lock is granted
 * (FOR UPDATE reads the latest version): parallel attempts queue on that lock and each sees the
 * count the one before left. Reading the row first and writing the sum later lost all but a few
 * of 40 parallel failures and never locked. An existing lock is kept, never cleared by a failure.
 */
async function countFailure(prisma: PrismaClient, userId: string, now: Date): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  const rows = await prisma.$queryRaw<{ locked: boolean }[]>`
    WITH counted AS (
      SELECT id, CASE WHEN "firstFailedAt" > ${windowStart} THEN "failedLogins" + 1 ELSE 1 END AS failures,
             CASE WHEN "firstFailedAt" > ${windowStart} THEN "firstFailedAt" ELSE ${now} END AS first
      FROM "User" WHERE id = ${userId}::uuid FOR UPDATE
    )
    UPDATE "User" u SET
      "failedLogins" = CASE WHEN c.failures >= ${MAX_FAILURES} THEN 0 ELSE c.failures END,
      "firstFailedAt" = CASE WHEN c.failures >= ${MAX_FAILURES} THEN NULL ELSE c.first END,
      "lockedUntil" = CASE WHEN c.failures >= ${MAX_FAILURES} THEN ${lockUntil} ELSE u."lockedUntil" END
    FROM counted c WHERE u.id = c.id
    RETURNING c.failures >= ${MAX_FAILURES} AS locked`;
  return rows[0]?.locked ? lockUntil : null;
}

/**
 * Record `step` as the last accepted one unless it, or a later one, already was: one conditional
 * UPDATE, so of several sign-ins racing with one code exactly one wins the row.
 */
export async function claimTotpStep(prisma: Pick<PrismaClient, "$executeRaw">, userId: string, step: number) {
  const updated = await prisma.$executeRaw`
    UPDATE "User" SET "mfaLastStep" = ${step}
    WHERE id = ${userId}::uuid AND ("mfaLastStep" IS NULL OR "mfaLastStep" < ${step})`;
  return updated === 1;
}

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-ins. This account is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}.`;
}
