import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createUser } from "@/lib/admin/create-user";
import { decideRoleChange } from "@/lib/admin/decide-role-change";
import { requestRoleChange } from "@/lib/admin/request-role-change";
import { resetPassword } from "@/lib/admin/reset-password";
import { setUserDisabled } from "@/lib/admin/set-user-disabled";
import { changeOwnPassword } from "./change-own-password";
import { hashPassword } from "./password";
import { sessionEndReason } from "./session-validity";
import { signIn } from "./sign-in";

// A session is the claims signed into its JWT at sign-in; these tests hold such claims the way a
// stolen or left-behind cookie would, and check that each account change ends them.

let db: TTestDatabase;
let admin: string;
let admin2: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const passwordHash = await hashPassword("admin-password-123");
  admin = (
    await db.prisma.user.create({ data: { email: "a1@t.test", displayName: "A1", role: "ADMIN", passwordHash } })
  ).id;
  admin2 = (
    await db.prisma.user.create({ data: { email: "a2@t.test", displayName: "A2", role: "ADMIN", passwordHash } })
  ).id;
});

async function sessionOf(email: string, password: string) {
  const r = await signIn(db.prisma, { email, password });
  if (!r.ok) throw new Error(r.message);
  return { userId: r.user.id, claims: { sessionVersion: r.user.sessionVersion, authenticatedAt: Date.now() } };
}

async function stillValid(s: Awaited<ReturnType<typeof sessionOf>>) {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { id: s.userId } });
  return sessionEndReason(s.claims, user) === null;
}

describe("server-side session revocation", () => {
  it("a one-time password must be changed, and the change ends every session of the account", async () => {
    const created = await createUser(db.prisma, {
      actorId: admin,
      user: { email: "new@t.test", displayName: "New", role: "CLINICIAN" },
    });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: created.userId } })).mustChangePassword).toBe(true);
    const s = await sessionOf(created.email, created.password);
    expect(await stillValid(s)).toBe(true);

    const input = { userId: created.userId, current: created.password, next: "a-brand-new-pass", confirm: "x" };
    await expect(changeOwnPassword(db.prisma, input)).rejects.toThrow(/differ/);
    await expect(changeOwnPassword(db.prisma, { ...input, confirm: input.next, current: "wrong" })).rejects.toThrow(
      /not correct/,
    );
    await expect(changeOwnPassword(db.prisma, { ...input, next: "short", confirm: "short" })).rejects.toThrow(/12/);
    expect(await stillValid(s)).toBe(true); // refused attempts change nothing

    await changeOwnPassword(db.prisma, { ...input, confirm: input.next });
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: created.userId } });
    expect(after.mustChangePassword).toBe(false);
    expect(await stillValid(s)).toBe(false);
    expect(await signIn(db.prisma, { email: created.email, password: created.password })).toMatchObject({ ok: false });
    expect(await signIn(db.prisma, { email: created.email, password: input.next })).toMatchObject({ ok: true });
    expect(
      await db.prisma.adminAction.count({ where: { action: "user.password_change", targetUserId: created.userId } }),
    ).toBe(1);
  });

  it("an admin's password reset ends the sessions and forces a change", async () => {
    const c = await createUser(db.prisma, {
      actorId: admin,
      user: { email: "r@t.test", displayName: "Reset Me", role: "AUDITOR" },
    });
    const s = await sessionOf(c.email, c.password);
    const reset = await resetPassword(db.prisma, { actorId: admin, userId: c.userId });
    if (reset.status !== "applied") throw new Error("an auditor's reset applies at once");
    expect(await stillValid(s)).toBe(false);
    const u = await db.prisma.user.findUniqueOrThrow({ where: { id: c.userId } });
    expect(u.mustChangePassword).toBe(true);
    expect(await signIn(db.prisma, { email: c.email, password: reset.password })).toMatchObject({ ok: true });
  });

  it("disabling an account and changing its role end its sessions", async () => {
    const c = await createUser(db.prisma, {
      actorId: admin,
      user: { email: "d@t.test", displayName: "Disable Me", role: "AUDITOR" },
    });
    let s = await sessionOf(c.email, c.password);
    await requestRoleChange(db.prisma, { actorId: admin, userId: c.userId, toRole: "CLINICIAN" });
    expect(await stillValid(s)).toBe(false);

    s = await sessionOf(c.email, c.password);
    const pending = await requestRoleChange(db.prisma, { actorId: admin, userId: c.userId, toRole: "ADMIN" });
    expect(await stillValid(s)).toBe(true); // a request changes nothing yet
    await decideRoleChange(db.prisma, { actorId: admin2, roleChangeId: pending.roleChangeId, approve: true });
    expect(await stillValid(s)).toBe(false);

    s = await sessionOf(c.email, c.password);
    await setUserDisabled(db.prisma, { actorId: admin, userId: c.userId, disabled: true });
    expect(await stillValid(s)).toBe(false);
    await setUserDisabled(db.prisma, { actorId: admin, userId: c.userId, disabled: false });
    expect(await stillValid(s)).toBe(false); // re-enabling does not bring an old session back
  });
});
