import "server-only";
import crypto from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Fixed-window counters in PostgreSQL, so every app instance behind a load balancer counts
// together. One statement per attempt: INSERT … ON CONFLICT takes the row lock, so parallel
// attempts each see the count the one before left (a read-then-write loses them, see the
// lockout counter in sign-in.ts). Rows hold a hash of the key, never an address or an email.

export type TRateLimit = { name: string; limit: number; windowSeconds: number };
export type TRateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: TRateLimit };

/**
 * Failed sign-in attempts (password and TOTP code travel together) per account, and per client
 * address: every attempt is counted before the password is checked, a success is given back.
 */
export const SIGN_IN_PER_ACCOUNT: TRateLimit = { name: "sign-in per account", limit: 10, windowSeconds: 5 * 60 };
/** A hospital's staff may share one NAT address at shift change: generous, but bounded. */
export const SIGN_IN_PER_ADDRESS: TRateLimit = { name: "sign-in per address", limit: 100, windowSeconds: 5 * 60 };
/** Codes tried while confirming MFA enrolment, per account. */
export const MFA_CONFIRM_PER_ACCOUNT: TRateLimit = { name: "MFA code per account", limit: 5, windowSeconds: 5 * 60 };

function bucketKey(limit: TRateLimit, subject: string): string {
  return crypto.createHash("sha256").update(`${limit.name}\0${subject}`).digest("base64url");
}

/** Count one attempt against every limit; refused when any is exceeded (the longest wait wins). */
export async function takeRateLimits(
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw">,
  checks: { limit: TRateLimit; subject: string }[],
  now: Date = new Date(),
): Promise<TRateDecision> {
  let refused: Extract<TRateDecision, { allowed: false }> | null = null;
  for (const { limit, subject } of checks) {
    const windowStart = new Date(now.getTime() - limit.windowSeconds * 1000);
    const [row] = await prisma.$queryRaw<{ count: number; started: Date }[]>`
      INSERT INTO "RateLimitBucket" (key, "windowStart", count) VALUES (${bucketKey(limit, subject)}, ${now}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN "RateLimitBucket"."windowStart" > ${windowStart} THEN "RateLimitBucket".count + 1 ELSE 1 END,
        "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" > ${windowStart}
                             THEN "RateLimitBucket"."windowStart" ELSE ${now} END
      RETURNING count, "windowStart" AS started`;
    if (row.count > limit.limit) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((row.started.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000),
      );
      if (!refused || retryAfterSeconds > refused.retryAfterSeconds)
        refused = { allowed: false, retryAfterSeconds, limit };
    }
  }
  // Expired buckets are dead weight: now and then, clear those of the longest window.
  if (Math.random() < 0.01) {
    await prisma.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "windowStart" < ${new Date(now.getTime() - 3600_000)}`;
  }
  return refused ?? { allowed: true };
}

/**
 * Give back one attempt: a successful sign-in is no guess, so only failures use up the limit and
 * a clinician signing in on several workstations never meets it.
 */
export async function refundRateLimits(
  prisma: Pick<PrismaClient, "$executeRaw">,
  checks: { limit: TRateLimit; subject: string }[],
) {
  for (const { limit, subject } of checks) {
    await prisma.$executeRaw`
      UPDATE "RateLimitBucket" SET count = GREATEST(count - 1, 0) WHERE key = ${bucketKey(limit, subject)}`;
  }
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 90 ? `${seconds} seconds` : `${minutes} minutes`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
}
