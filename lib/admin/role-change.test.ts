import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { decideRoleChange } from "./decide-role-change";
import { requestRoleChange } from "./request-role-change";
import { assertNotLastActiveAdmin } from "./require-admin";

let db: TTestDatabase;
const ids: Record<string, string> = {};

async function user(key: string, role: Role, extra: { disabled?: boolean } = {}) {
  const u = await db.prisma.user.create({
    data: { email: `${key}@t.test`, displayName: key, role, passwordHash: "x", ...extra },
  });
  ids[key] = u.id;
}
const roleOf = async (key: string) => (await db.prisma.user.findUniqueOrThrow({ where: { id: ids[key] } })).role;
const queued = (kind: string, rowId: string) => db.prisma.ledgerQueue.count({ where: { kind, rowId } });

beforeAll(async () => {
  db = await createTestDatabase();
  await user("alice", "ADMIN");
  await user("bob", "ADMIN");
  await user("carol", "CLINICIAN");
  await user("dave", "CLINICIAN");
  await user("erin", "AUDITOR");
  await user("pat", "PATIENT");
});

describe("role changes", () => {
  it("applies a non-admin change at once, decided by the requester, all anchored", async () => {
    const r = await requestRoleChange(db.prisma, {
      actorId: ids.alice,
      userId: ids.carol,
      toRole: "COMPLIANCE_OFFICER",
    });
    expect(r.status).toBe("applied");
    expect(await roleOf("carol")).toBe("COMPLIANCE_OFFICER");
    const change = await db.prisma.roleChange.findUniqueOrThrow({
      where: { id: r.roleChangeId },
      include: { decision: true },
    });
    expect(change).toMatchObject({
      fromRole: "CLINICIAN",
      toRole: "COMPLIANCE_OFFICER",
      requestedById: ids.alice,
      decision: { approved: true, decidedById: ids.alice },
    });
    const action = await db.prisma.adminAction.findFirstOrThrow({
      where: { action: "role.change", targetUserId: ids.carol },
    });
    expect(action).toMatchObject({
      actorId: ids.alice,
      details: { fromRole: "CLINICIAN", toRole: "COMPLIANCE_OFFICER", roleChangeId: r.roleChangeId },
    });
    expect(await queued("role_change", change.id)).toBe(1);
    expect(await queued("role_change_decision", change.decision!.id)).toBe(1);
    expect(await queued("admin_action", action.id)).toBe(1);
  });

  it("keeps a grant of ADMIN pending until a different admin approves it", async () => {
    const r = await requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.dave, toRole: "ADMIN" });
    expect(r.status).toBe("pending");
    expect(await roleOf("dave")).toBe("CLINICIAN");
    await expect(
      decideRoleChange(db.prisma, { actorId: ids.alice, roleChangeId: r.roleChangeId, approve: true }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      requestRoleChange(db.prisma, { actorId: ids.bob, userId: ids.dave, toRole: "AUDITOR" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await roleOf("dave")).toBe("CLINICIAN");
    expect(await db.prisma.roleChangeDecision.count({ where: { roleChangeId: r.roleChangeId } })).toBe(0);

    const d = await decideRoleChange(db.prisma, { actorId: ids.bob, roleChangeId: r.roleChangeId, approve: true });
    expect(d.approved).toBe(true);
    expect(await roleOf("dave")).toBe("ADMIN");
    const approve = await db.prisma.adminAction.findFirstOrThrow({
      where: { action: "role.approve", targetUserId: ids.dave },
    });
    expect(approve).toMatchObject({
      actorId: ids.bob,
      details: { fromRole: "CLINICIAN", toRole: "ADMIN", requestedById: ids.alice },
    });
    await expect(
      decideRoleChange(db.prisma, { actorId: ids.bob, roleChangeId: r.roleChangeId, approve: false }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("lets the requester withdraw (reject) their own request, leaving the role unchanged", async () => {
    const r = await requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.erin, toRole: "ADMIN" });
    await decideRoleChange(db.prisma, { actorId: ids.alice, roleChangeId: r.roleChangeId, approve: false });
    expect(await roleOf("erin")).toBe("AUDITOR");
    expect(await db.prisma.adminAction.count({ where: { action: "role.reject", targetUserId: ids.erin } })).toBe(1);
  });

  it("refuses an approval when the role changed after the request", async () => {
    const r = await requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.erin, toRole: "ADMIN" });
    await db.prisma.user.update({ where: { id: ids.erin }, data: { role: "CLINICIAN" } });
    await expect(
      decideRoleChange(db.prisma, { actorId: ids.bob, roleChangeId: r.roleChangeId, approve: true }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await roleOf("erin")).toBe("CLINICIAN");
  });

  it("refuses changing your own role, no-op changes, patients, non-admins and bad input, changing nothing", async () => {
    const before = { changes: await db.prisma.roleChange.count(), actions: await db.prisma.adminAction.count() };
    await expect(
      requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.alice, toRole: "AUDITOR" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.dave, toRole: "ADMIN" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.pat, toRole: "CLINICIAN" }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    await expect(
      requestRoleChange(db.prisma, { actorId: ids.carol, userId: ids.erin, toRole: "AUDITOR" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.erin, toRole: "PATIENT" as never }),
    ).rejects.toThrow(/Choose administrator/);
    await expect(
      requestRoleChange(db.prisma, { actorId: ids.alice, userId: "not-a-uuid", toRole: "AUDITOR" }),
    ).rejects.toThrow(/Unknown user/);
    await expect(
      decideRoleChange(db.prisma, { actorId: ids.bob, roleChangeId: crypto.randomUUID(), approve: true }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect({ changes: await db.prisma.roleChange.count(), actions: await db.prisma.adminAction.count() }).toEqual(
      before,
    );
  });

  it("refuses a disabled admin, and the last-admin guard holds when only one admin is left", async () => {
    await requestRoleChange(db.prisma, { actorId: ids.dave, userId: ids.bob, toRole: "AUDITOR" });
    await requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.dave, toRole: "CLINICIAN" });
    expect(await db.prisma.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
    await expect(db.prisma.$transaction((tx) => assertNotLastActiveAdmin(tx, ids.alice))).rejects.toMatchObject({
      code: "conflict",
    });
    await db.prisma.user.update({ where: { id: ids.alice }, data: { disabled: true } });
    await expect(
      requestRoleChange(db.prisma, { actorId: ids.alice, userId: ids.carol, toRole: "AUDITOR" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await db.prisma.user.update({ where: { id: ids.alice }, data: { disabled: false } });
  });
});
