import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { sealMfaSecret } from "@/lib/auth/mfa-secret";
import { hashPassword } from "@/lib/auth/password";
import { signIn } from "@/lib/auth/sign-in";
import { newTotpSecret } from "@/lib/auth/totp";
import type { Role } from "@/lib/generated/prisma/enums";
import { decideAccountReset } from "./decide-account-reset";
import { listPendingAccountResets } from "./list-pending-account-resets";
import { requestAccountReset } from "./request-account-reset";
import { resetPassword } from "./reset-password";

// An admin taking over an account that sees patient data: give it a new password (or strip its
// second factor), sign in as the clinician. Each of these needs a second admin now.

let db: TTestDatabase;
const ids: Record<string, string> = {};
const PASSWORD = "their-own-password-1";

async function user(key: string, role: Role) {
  const u = await db.prisma.user.create({
    data: { email: `${key}@t.test`, displayName: key, role, passwordHash: await hashPassword(PASSWORD) },
  });
  ids[key] = u.id;
}
const row = (key: string) => db.prisma.user.findUniqueOrThrow({ where: { id: ids[key] } });
const counts = async () => ({
  resets: await db.prisma.accountReset.count(),
  decisions: await db.prisma.accountResetDecision.count(),
  actions: await db.prisma.adminAction.count(),
  queue: await db.prisma.ledgerQueue.count(),
});

beforeAll(async () => {
  db = await createTestDatabase();
  await user("alice", "ADMIN");
  await user("bob", "ADMIN");
  await user("carol", "CLINICIAN");
  await user("olga", "COMPLIANCE_OFFICER");
  await db.prisma.user.update({
    where: { id: ids.olga },
    data: { mfaSecret: sealMfaSecret(ids.olga, newTotpSecret()), mfaEnabledAt: new Date(), mfaLastStep: 1 },
  });
});

describe("four eyes on account resets", () => {
  it("one admin alone cannot give a clinician a new password: it is only a request", async () => {
    const before = await row("carol");
    const r = await resetPassword(db.prisma, { actorId: ids.alice, userId: ids.carol });
    expect(r).toMatchObject({ status: "pending" });
    expect("password" in r).toBe(false);
    const after = await row("carol");
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(await signIn(db.prisma, { email: "carol@t.test", password: PASSWORD })).toMatchObject({ ok: true });
    const reset = await db.prisma.accountReset.findFirstOrThrow({ where: { targetUserId: ids.carol } });
    expect(reset).toMatchObject({ kind: "PASSWORD", requestedById: ids.alice });
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "account_reset", rowId: reset.id } })).toBe(1);
    expect(await listPendingAccountResets(db.prisma)).toEqual([
      expect.objectContaining({ id: reset.id, kind: "PASSWORD", target: expect.objectContaining({ id: ids.carol }) }),
    ]);
    // A second request for the same thing waits for the first.
    await expect(resetPassword(db.prisma, { actorId: ids.bob, userId: ids.carol })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("the requester cannot approve their own request, and nothing is written when they try", async () => {
    const [pending] = await listPendingAccountResets(db.prisma);
    const before = await counts();
    await expect(
      decideAccountReset(db.prisma, { actorId: ids.alice, resetId: pending.id, approve: true }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await counts()).toEqual(before);
  });

  it("a second admin approves: the approver gets the one-time password, sessions end, a change is forced", async () => {
    const [pending] = await listPendingAccountResets(db.prisma);
    const before = await row("carol");
    const d = await decideAccountReset(db.prisma, { actorId: ids.bob, resetId: pending.id, approve: true });
    expect(d).toMatchObject({ approved: true, kind: "PASSWORD", password: expect.stringMatching(/^[a-z2-9-]{19}$/) });
    const after = await row("carol");
    expect(after).toMatchObject({ mustChangePassword: true, sessionVersion: before.sessionVersion + 1 });
    expect(await signIn(db.prisma, { email: "carol@t.test", password: PASSWORD })).toMatchObject({ ok: false });
    expect(await signIn(db.prisma, { email: "carol@t.test", password: d.password! })).toMatchObject({ ok: true });
    const decision = await db.prisma.accountResetDecision.findUniqueOrThrow({ where: { resetId: pending.id } });
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "account_reset_decision", rowId: decision.id } })).toBe(
      1,
    );
    expect(
      await db.prisma.adminAction.count({
        where: { action: "user.password_reset", actorId: ids.bob, targetUserId: ids.carol },
      }),
    ).toBe(1);
    await expect(
      decideAccountReset(db.prisma, { actorId: ids.bob, resetId: pending.id, approve: true }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("an MFA reset waits for a second admin too; the requester may withdraw it", async () => {
    const first = await requestAccountReset(db.prisma, { actorId: ids.alice, userId: ids.olga, kind: "MFA" });
    expect((await row("olga")).mfaEnabledAt).not.toBeNull();
    await decideAccountReset(db.prisma, { actorId: ids.alice, resetId: first.resetId, approve: false });
    expect((await row("olga")).mfaEnabledAt).not.toBeNull();
    expect(await db.prisma.adminAction.count({ where: { action: "account_reset.reject" } })).toBe(1);

    const second = await requestAccountReset(db.prisma, { actorId: ids.alice, userId: ids.olga, kind: "MFA" });
    const sv = (await row("olga")).sessionVersion;
    const d = await decideAccountReset(db.prisma, { actorId: ids.bob, resetId: second.resetId, approve: true });
    expect(d).toMatchObject({ approved: true, kind: "MFA", password: null });
    expect(await row("olga")).toMatchObject({
      mfaSecret: null,
      mfaEnabledAt: null,
      mfaLastStep: null,
      sessionVersion: sv + 1,
    });
    await expect(
      requestAccountReset(db.prisma, { actorId: ids.alice, userId: ids.olga, kind: "MFA" }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/no two-step sign-in/) });
  });

  it("no admin approves a reset of their own account", async () => {
    const r = await requestAccountReset(db.prisma, { actorId: ids.bob, userId: ids.alice, kind: "PASSWORD" });
    await expect(
      decideAccountReset(db.prisma, { actorId: ids.alice, resetId: r.resetId, approve: true }),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/your own account/) });
  });

  it("the history tables refuse edits", async () => {
    // The app role holds no UPDATE or DELETE on history (lib/db/roles/table-privileges.ts).
    await expect(db.prisma.accountReset.deleteMany({})).rejects.toThrow(/permission denied/);
    await expect(db.prisma.accountResetDecision.updateMany({ data: { approved: false } })).rejects.toThrow(
      /permission denied/,
    );
  });
});
