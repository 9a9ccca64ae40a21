import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { hashPassword } from "@/lib/auth/password";
import { signIn } from "@/lib/auth/sign-in";
import { createUser } from "./create-user";
import { listAdminActions } from "./list-admin-actions";
import { listUsers } from "./list-users";
import { resetPassword } from "./reset-password";
import { setUserDisabled } from "./set-user-disabled";

let db: TTestDatabase;
let admin: string;
let other: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const passwordHash = await hashPassword("old-password-123");
  admin = (
    await db.prisma.user.create({ data: { email: "root@t.test", displayName: "Root", role: "ADMIN", passwordHash } })
  ).id;
  other = (
    await db.prisma.user.create({
      data: { email: "other@t.test", displayName: "Other Admin", role: "ADMIN", passwordHash },
    })
  ).id;
});

describe("user management", () => {
  it("creates a staff account with a one-time password that signs in, anchored as user.create", async () => {
    const r = await createUser(db.prisma, {
      actorId: admin,
      user: { email: " New.Person@T.test ", displayName: "New Person", role: "AUDITOR", department: "" },
    });
    expect(r.email).toBe("new.person@t.test");
    expect(r.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: r.userId } });
    expect(stored).toMatchObject({ role: "AUDITOR", department: null });
    expect(stored.passwordHash).not.toContain(r.password);
    expect(await signIn(db.prisma, { email: r.email, password: r.password })).toMatchObject({ ok: true });
    const action = await db.prisma.adminAction.findFirstOrThrow({
      where: { action: "user.create", targetUserId: r.userId },
    });
    expect(JSON.stringify(action.details)).not.toContain(r.password);
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "admin_action", rowId: action.id } })).toBe(1);
  });

  it("refuses to create an ADMIN directly, a duplicate email or bad input, creating nothing", async () => {
    const count = await db.prisma.user.count();
    await expect(
      createUser(db.prisma, {
        actorId: admin,
        user: { email: "x@t.test", displayName: "X Y", role: "ADMIN" as never },
      }),
    ).rejects.toThrow(/request the ADMIN role/);
    await expect(
      createUser(db.prisma, { actorId: admin, user: { email: "other@t.test", displayName: "Dup", role: "CLINICIAN" } }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createUser(db.prisma, { actorId: admin, user: { email: "nope", displayName: "", role: "CLINICIAN" } }),
    ).rejects.toThrow(/valid email/);
    expect(await db.prisma.user.count()).toBe(count);
  });

  it("disables and re-enables an account; a disabled account cannot sign in", async () => {
    const { userId, email, password } = await createUser(db.prisma, {
      actorId: admin,
      user: { email: "temp@t.test", displayName: "Temp Staff", role: "CLINICIAN" },
    });
    await setUserDisabled(db.prisma, { actorId: admin, userId, disabled: true });
    expect(await signIn(db.prisma, { email, password })).toMatchObject({ ok: false, message: /disabled/ });
    await expect(setUserDisabled(db.prisma, { actorId: admin, userId, disabled: true })).rejects.toMatchObject({
      code: "conflict",
    });
    await setUserDisabled(db.prisma, { actorId: admin, userId, disabled: false });
    expect(await signIn(db.prisma, { email, password })).toMatchObject({ ok: true });
    const codes = (await listAdminActions(db.prisma, { targetUserId: userId })).map((a) => a.action);
    expect(codes).toEqual(["user.enable", "user.disable", "user.create"]);
  });

  it("never lets an admin disable themselves", async () => {
    await expect(setUserDisabled(db.prisma, { actorId: admin, userId: admin, disabled: true })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: admin } })).disabled).toBe(false);
  });

  it("resets an auditor's password at once: the old one stops working, the new one works, a lockout is cleared", async () => {
    const auditor = await db.prisma.user.create({
      data: {
        email: "auditor@t.test",
        displayName: "Auditor",
        role: "AUDITOR",
        passwordHash: await hashPassword("old-password-123"),
        lockedUntil: new Date(Date.now() + 600_000),
      },
    });
    const r = await resetPassword(db.prisma, { actorId: admin, userId: auditor.id });
    if (r.status !== "applied") throw new Error("an auditor's reset applies at once");
    expect(await signIn(db.prisma, { email: "auditor@t.test", password: "old-password-123" })).toMatchObject({
      ok: false,
    });
    expect(await signIn(db.prisma, { email: "auditor@t.test", password: r.password })).toMatchObject({ ok: true });
    await expect(
      resetPassword(db.prisma, { actorId: admin, userId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists staff by search, role and status, and the history newest first with actor and target", async () => {
    expect((await listUsers(db.prisma, { q: "TEMP" })).map((u) => u.email)).toEqual(["temp@t.test"]);
    expect((await listUsers(db.prisma, { role: "ADMIN" })).map((u) => u.email).sort()).toEqual([
      "other@t.test",
      "root@t.test",
    ]);
    await setUserDisabled(db.prisma, { actorId: admin, userId: other, disabled: true });
    expect((await listUsers(db.prisma, { status: "disabled" })).map((u) => u.email)).toEqual(["other@t.test"]);
    expect((await listUsers(db.prisma, { status: "active" })).map((u) => u.email)).not.toContain("other@t.test");
    const [latest] = await listAdminActions(db.prisma);
    expect(latest).toMatchObject({
      action: "user.disable",
      actor: { email: "root@t.test" },
      target: { email: "other@t.test" },
      ledgerIndex: null,
    });
  });
});
