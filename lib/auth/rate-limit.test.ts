import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { confirmMfaEnrolment } from "./confirm-mfa-enrolment";
import { hashPassword } from "./password";
import { MFA_CONFIRM_PER_ACCOUNT, takeRateLimits, type TRateLimit } from "./rate-limit";
import { startMfaEnrolment } from "./start-mfa-enrolment";
import { generateTotp, totpSecretFromBase32 } from "./totp";

let db: TTestDatabase;
const LIMIT: TRateLimit = { name: "test", limit: 5, windowSeconds: 60 };

beforeAll(async () => {
  db = await createTestDatabase();
});

describe("takeRateLimits", () => {
  it("allows the limit, refuses the next with the seconds until the window ends, then opens again", async () => {
    const t0 = new Date("2026-12-03T10:00:00Z");
    for (let i = 0; i < 5; i++)
      expect(await takeRateLimits(db.prisma, [{ limit: LIMIT, subject: "a" }], t0)).toEqual({ allowed: true });
    const later = new Date(t0.getTime() + 20_000);
    expect(await takeRateLimits(db.prisma, [{ limit: LIMIT, subject: "a" }], later)).toEqual({
      allowed: false,
      retryAfterSeconds: 40,
      limit: LIMIT,
    });
    // Another subject has its own count.
    expect(await takeRateLimits(db.prisma, [{ limit: LIMIT, subject: "b" }], later)).toEqual({ allowed: true });
    const next = new Date(t0.getTime() + 61_000);
    expect(await takeRateLimits(db.prisma, [{ limit: LIMIT, subject: "a" }], next)).toEqual({ allowed: true });
  });

  it("counts 40 parallel attempts exactly: the limit lets through 5, not more", async () => {
    const now = new Date("2026-12-03T11:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 40 }, () => takeRateLimits(db.prisma, [{ limit: LIMIT, subject: "race" }], now)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it("refuses when any of several limits is exceeded, and stores no subject in clear", async () => {
    const now = new Date("2026-12-03T12:00:00Z");
    const wide: TRateLimit = { name: "wide", limit: 100, windowSeconds: 600 };
    const checks = [
      { limit: LIMIT, subject: "nurse@example.org" },
      { limit: wide, subject: "192.0.2.7" },
    ];
    for (let i = 0; i < 5; i++) expect((await takeRateLimits(db.prisma, checks, now)).allowed).toBe(true);
    expect(await takeRateLimits(db.prisma, checks, now)).toMatchObject({ allowed: false, limit: LIMIT });
    const keys = (await db.prisma.rateLimitBucket.findMany()).map((b) => b.key).join(" ");
    expect(keys).not.toMatch(/nurse|example|192\.0\.2/);
  });

  it("stops guessing of MFA enrolment codes: over the limit even the right code waits", async () => {
    const user = await db.prisma.user.create({
      data: { email: "mfa@t.test", displayName: "Mfa", role: "ADMIN", passwordHash: await hashPassword("pw") },
    });
    const { secretBase32 } = await startMfaEnrolment(db.prisma, user.id);
    const secret = totpSecretFromBase32(secretBase32);
    const wrong = generateTotp({ secret, now: new Date(Date.now() - 3600_000) });
    for (let i = 0; i < MFA_CONFIRM_PER_ACCOUNT.limit; i++) {
      await expect(confirmMfaEnrolment(db.prisma, { userId: user.id, code: wrong })).rejects.toMatchObject({
        code: "unprocessable",
      });
    }
    await expect(
      confirmMfaEnrolment(db.prisma, { userId: user.id, code: generateTotp({ secret }) }),
    ).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Try again in \d+ seconds/) });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).mfaEnabledAt).toBeNull();
  });
});
