import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { hashPassword, PASSWORD_CHECKS } from "./password";
import { LOCK_MS, MAX_FAILURES, signIn } from "./sign-in";

let db: TTestDatabase;
const email = "nurse@staff.healthledger.test";
const password = "correct horse battery staple";

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.user.create({
    data: { email, displayName: "Nurse Test", role: "CLINICIAN", passwordHash: await hashPassword(password) },
  });
});

function gateOf() {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { done, open };
}

async function events(outcomeDesc?: string) {
  return db.prisma.accessEvent.count({ where: { type: "110114", ...(outcomeDesc ? { outcomeDesc } : {}) } });
}

describe("signIn", () => {
  it("accepts the right password, case-insensitive email, and records a successful sign-in event", async () => {
    const r = await signIn(db.prisma, { email: "Nurse@Staff.HealthLedger.test", password });
    expect(r).toMatchObject({ ok: true, user: { email, role: "CLINICIAN" } });
    const e = await db.prisma.accessEvent.findFirst({ where: { outcome: "0" }, orderBy: { recorded: "desc" } });
    expect(e).toMatchObject({ type: "110114", subtype: "110122", action: "E" });
  });

  it("gives one clear message for an unknown account and for a wrong password", async () => {
    const unknown = await signIn(db.prisma, { email: "nobody@example.org", password });
    const wrong = await signIn(db.prisma, { email, password: "nope" });
    expect(unknown).toEqual({ ok: false, message: "Invalid email or password." });
    expect(wrong).toEqual({ ok: false, message: "Invalid email or password." });
    // Counted per address and minute; anchored once the minute has closed (unknown-account-failures.test.ts).
    expect(await db.prisma.signInFailureTally.aggregate({ _sum: { count: true } })).toEqual({ _sum: { count: 1 } });
  });

  it("rejects malformed input without touching the account", async () => {
    const before = await db.prisma.user.findUniqueOrThrow({ where: { email } });
    const r = await signIn(db.prisma, { email: "not-an-email", password: "" });
    expect(r).toEqual({ ok: false, message: "Enter a valid email address" });
    const after = await db.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(after.failedLogins).toBe(before.failedLogins);
  });

  it("locks after five failures within 15 minutes, even for the right password, then unlocks", async () => {
    await signIn(db.prisma, { email, password }); // reset the counter
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 1; i < MAX_FAILURES; i++) {
      const r = await signIn(db.prisma, { email, password: "wrong" }, { now: new Date(t0.getTime() + i * 60_000) });
      expect(r).toEqual({ ok: false, message: "Invalid email or password." });
    }
    const fifth = await signIn(db.prisma, { email, password: "wrong" }, { now: new Date(t0.getTime() + 5 * 60_000) });
    expect(fifth.ok).toBe(false);
    expect(!fifth.ok && fifth.message).toMatch(/locked for 15 more minutes/);
    const during = await signIn(db.prisma, { email, password }, { now: new Date(t0.getTime() + 10 * 60_000) });
    expect(!during.ok && during.message).toMatch(/locked for 10 more minutes/);
    const after = await signIn(
      db.prisma,
      { email, password },
      { now: new Date(t0.getTime() + 5 * 60_000 + LOCK_MS + 1000) },
    );
    expect(after.ok).toBe(true);
  });

  it("locks under 40 wrong passwords sent at once: the failure counter is not lost to a race", async () => {
    const racer = "racer@staff.healthledger.test";
    await db.prisma.user.create({
      data: { email: racer, displayName: "Racer Test", role: "CLINICIAN", passwordHash: await hashPassword(password) },
    });
    const now = new Date("2026-03-01T10:00:00Z");
    await Promise.all(
      Array.from({ length: 40 }, () => signIn(db.prisma, { email: racer, password: "wrong" }, { now })),
    );
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: racer } });
    expect(user.lockedUntil?.getTime()).toBe(now.getTime() + LOCK_MS);
    const right = await signIn(db.prisma, { email: racer, password }, { now: new Date(now.getTime() + 60_000) });
    expect(!right.ok && right.message).toMatch(/locked for 14 more minutes/);
  });

  it("asks to retry, checks nothing and counts nothing while every password-check slot is taken", async () => {
    // Take every slot and every place in the queue.
    const { concurrency, maxWaiting } = PASSWORD_CHECKS.options;
    const release = gateOf();
    const holders = Array.from({ length: concurrency + maxWaiting }, () => PASSWORD_CHECKS.run(() => release.done));
    await new Promise((r) => setImmediate(r));
    expect(PASSWORD_CHECKS.load()).toEqual({ running: concurrency, waiting: maxWaiting });
    const before = await db.prisma.user.findUniqueOrThrow({ where: { email } });
    const eventsBefore = await events();
    try {
      const busy = "Many people are signing in at this moment. Try again in a few seconds.";
      expect(await signIn(db.prisma, { email, password: "wrong" })).toEqual({ ok: false, message: busy });
      expect(await signIn(db.prisma, { email: "nobody@example.org", password })).toEqual({ ok: false, message: busy });
      const after = await db.prisma.user.findUniqueOrThrow({ where: { email } });
      expect([after.failedLogins, after.lockedUntil]).toEqual([before.failedLogins, before.lockedUntil]);
      expect(await events()).toBe(eventsBefore);
    } finally {
      release.open();
      await Promise.all(holders);
    }
    expect((await signIn(db.prisma, { email, password })).ok).toBe(true);
  });

  it("does not lock when failures are spread beyond the 15-minute window", async () => {
    const t0 = new Date("2026-02-01T10:00:00Z");
    // Four failures in the first window, then four more in a window that starts at minute 16.
    for (const minute of [0, 4, 8, 12, 16, 17, 18, 19]) {
      const r = await signIn(
        db.prisma,
        { email, password: "wrong" },
        { now: new Date(t0.getTime() + minute * 60_000) },
      );
      expect(r).toEqual({ ok: false, message: "Invalid email or password." });
    }
  });

  it("refuses a disabled account", async () => {
    await db.prisma.user.update({ where: { email }, data: { disabled: true, lockedUntil: null } });
    const r = await signIn(db.prisma, { email, password });
    expect(r).toEqual({ ok: false, message: "This account is disabled. Contact your administrator." });
    await db.prisma.user.update({ where: { email }, data: { disabled: false } });
  });

  it("replaces a hash made at an older scrypt cost at the next successful sign-in", async () => {
    const legacy = await hashPassword("legacy password 1", { N: 2 ** 15, r: 8, p: 1 });
    const u = await db.prisma.user.create({
      data: { email: "legacy@t.test", displayName: "Legacy", role: "AUDITOR", passwordHash: legacy },
    });
    expect(await signIn(db.prisma, { email: u.email, password: "wrong" })).toMatchObject({ ok: false });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toBe(legacy);
    expect(await signIn(db.prisma, { email: u.email, password: "legacy password 1" })).toMatchObject({ ok: true });
    const upgraded = (await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash;
    expect(upgraded.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(await signIn(db.prisma, { email: u.email, password: "legacy password 1" })).toMatchObject({ ok: true });
  });
});
