import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { confirmMfaEnrolment } from "./confirm-mfa-enrolment";
import { openMfaSecret, sealMfaSecret } from "./mfa-secret";
import { hashPassword } from "./password";
import { MAX_FAILURES, signIn } from "./sign-in";
import { startMfaEnrolment } from "./start-mfa-enrolment";
import { generateTotp, totpSecretFromBase32 } from "./totp";

let db: TTestDatabase;
let userId: string;
let secret: Uint8Array;
const email = "officer@t.test";
const password = "officer-password-1";

beforeAll(async () => {
  db = await createTestDatabase();
  userId = (
    await db.prisma.user.create({
      data: { email, displayName: "Officer", role: "COMPLIANCE_OFFICER", passwordHash: await hashPassword(password) },
    })
  ).id;
});

describe("TOTP enrolment", () => {
  it("keeps one pending secret, encrypted and bound to the user, until confirmed", async () => {
    const first = await startMfaEnrolment(db.prisma, userId);
    const again = await startMfaEnrolment(db.prisma, userId);
    expect(again).toEqual(first);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/HealthLedger:officer%40t\.test\?.*secret=/);
    secret = totpSecretFromBase32(first.secretBase32);
    const stored = (await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).mfaSecret!;
    expect(Buffer.from(stored).includes(Buffer.from(secret))).toBe(false);
    expect(openMfaSecret(userId, stored)).toEqual(secret);
    expect(() => openMfaSecret(crypto.randomUUID(), stored)).toThrow();
    // Not enrolled yet: the password alone still signs in (the app then sends them to enrol).
    expect(await signIn(db.prisma, { email, password })).toMatchObject({ ok: true });
  });

  it("refuses a wrong or malformed code and stays un-enrolled", async () => {
    const wrong = generateTotp({ secret, now: new Date(Date.now() - 5 * 60_000) });
    await expect(confirmMfaEnrolment(db.prisma, { userId, code: wrong })).rejects.toMatchObject({
      code: "unprocessable",
    });
    await expect(confirmMfaEnrolment(db.prisma, { userId, code: "12ab56" })).rejects.toThrow(/6-digit/);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).mfaEnabledAt).toBeNull();
  });

  it("enrols with the current code, anchored as mfa.enrol, and only once", async () => {
    const r = await confirmMfaEnrolment(db.prisma, { userId, code: generateTotp({ secret }) });
    expect(r.enabledAt).toBeInstanceOf(Date);
    const action = await db.prisma.adminAction.findFirstOrThrow({
      where: { action: "mfa.enrol", targetUserId: userId },
    });
    expect(action).toMatchObject({ actorId: userId, details: { role: "COMPLIANCE_OFFICER" } });
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "admin_action", rowId: action.id } })).toBe(1);
    await expect(confirmMfaEnrolment(db.prisma, { userId, code: generateTotp({ secret }) })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(startMfaEnrolment(db.prisma, userId)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("sign-in with TOTP", () => {
  it("asks for the code when it is missing, without counting a failure", async () => {
    const r = await signIn(db.prisma, { email, password });
    expect(r).toEqual({ ok: false, message: "Enter the 6-digit authentication code from your authenticator app." });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).failedLogins).toBe(0);
    expect(
      await db.prisma.accessEvent.count({ where: { actorId: userId, outcomeDesc: "authentication code missing" } }),
    ).toBe(1);
  });

  it("accepts a code one step old, then the current code (with spaces)", async () => {
    // The code used to enrol was the current one, so every test signs in at a later step than the
    // one before it, as a user does in real time.
    const t0 = new Date(Date.now() + 3 * 30_000);
    const previous = generateTotp({ secret, now: new Date(t0.getTime() - 30_000) });
    expect(await signIn(db.prisma, { email, password, otp: previous }, { now: t0 })).toMatchObject({ ok: true });
    const code = generateTotp({ secret, now: t0 });
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect(await signIn(db.prisma, { email, password, otp: spaced }, { now: t0 })).toMatchObject({
      ok: true,
      user: { id: userId },
    });
  });

  it("refuses a code that was already accepted, and any older one (RFC 6238 §5.2)", async () => {
    const t0 = new Date(Date.now() + 6 * 30_000);
    const code = generateTotp({ secret, now: t0 });
    expect(await signIn(db.prisma, { email, password, otp: code }, { now: t0 })).toMatchObject({ ok: true });
    const replayed = await signIn(db.prisma, { email, password, otp: code }, { now: t0 });
    expect(replayed).toEqual({
      ok: false,
      message: "That authentication code was already used. Wait for the next code and try again.",
    });
    const older = generateTotp({ secret, now: new Date(t0.getTime() - 30_000) });
    expect(await signIn(db.prisma, { email, password, otp: older }, { now: t0 })).toMatchObject({ ok: false });
    expect(await db.prisma.accessEvent.count({ where: { actorId: userId, outcomeDesc: "code reused" } })).toBe(2);
    // The next step's code is fine.
    const next = generateTotp({ secret, now: new Date(t0.getTime() + 30_000) });
    expect(await signIn(db.prisma, { email, password, otp: next }, { now: t0 })).toMatchObject({ ok: true });
  });

  it("lets only one of many parallel sign-ins with the same code through", async () => {
    const t0 = new Date(Date.now() + 9 * 30_000);
    const code = generateTotp({ secret, now: t0 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => signIn(db.prisma, { email, password, otp: code }, { now: t0 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // A reused code is not a guess: it does not count toward the lockout.
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).lockedUntil).toBeNull();
  });

  it("never accepts a code without the right password", async () => {
    expect(await signIn(db.prisma, { email, password: "wrong", otp: generateTotp({ secret }) })).toEqual({
      ok: false,
      message: "Invalid email or password.",
    });
  });

  it("counts wrong codes toward the lockout", async () => {
    const t0 = new Date(Date.now() + 12 * 30_000);
    // Reset the counter with a code of a step not used yet.
    expect(
      await signIn(db.prisma, { email, password, otp: generateTotp({ secret, now: t0 }) }, { now: t0 }),
    ).toMatchObject({ ok: true });
    const stale = generateTotp({ secret, now: new Date(t0.getTime() - 10 * 60_000) });
    for (let i = 1; i < MAX_FAILURES; i++) {
      const r = await signIn(db.prisma, { email, password, otp: stale }, { now: t0 });
      expect(r).toEqual({
        ok: false,
        message: "That authentication code is not valid. Check your authenticator app and try again.",
      });
    }
    const last = await signIn(db.prisma, { email, password, otp: stale }, { now: t0 });
    expect(!last.ok && last.message).toMatch(/locked for 15 more minutes/);
    const fresh = generateTotp({ secret, now: new Date(t0.getTime() + 30_000) });
    const locked = await signIn(db.prisma, { email, password, otp: fresh }, { now: t0 });
    expect(!locked.ok && locked.message).toMatch(/locked/);
    expect(
      await db.prisma.accessEvent.count({ where: { actorId: userId, outcomeDesc: "wrong code; account locked" } }),
    ).toBe(1);
  });

  it("opens a secret sealed for the user only with that user's id", () => {
    const s = sealMfaSecret(userId, secret);
    expect(openMfaSecret(userId, s)).toEqual(secret);
    expect(() => openMfaSecret(crypto.randomUUID(), s)).toThrow();
  });
});
