import "server-only";
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const USER_STATUSES = ["active", "disabled", "locked"] as const;

export const ZUserFilter = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(["ADMIN", "COMPLIANCE_OFFICER", "CLINICIAN", "AUDITOR"]).optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
});
export type TUserFilter = z.infer<typeof ZUserFilter>;

const LIMIT = 200;

/** Staff accounts (patient portal accounts are managed from the patient side) with their MFA state and any pending grant of ADMIN. */
export async function listUsers(prisma: PrismaClient, filter: TUserFilter = {}, now = new Date()) {
  const and: Prisma.UserWhereInput[] = [{ role: filter.role ?? { not: "PATIENT" } }];
  if (filter.q)
    and.push({
      OR: [
        { email: { contains: filter.q, mode: "insensitive" } },
        { displayName: { contains: filter.q, mode: "insensitive" } },
      ],
    });
  if (filter.status === "disabled") and.push({ disabled: true });
  if (filter.status === "active")
    and.push({ disabled: false, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });
  if (filter.status === "locked") and.push({ disabled: false, lockedUntil: { gt: now } });
  const users = await prisma.user.findMany({
    where: { AND: and },
    orderBy: [{ role: "asc" }, { displayName: "asc" }],
    take: LIMIT,
    select: {
      id: true,
      displayName: true,
      email: true,
      role: true,
      department: true,
      disabled: true,
      lockedUntil: true,
      mfaEnabledAt: true,
    },
  });
  const pending = await prisma.roleChange.findMany({
    where: { targetUserId: { in: users.map((u) => u.id) }, decision: null },
    select: { id: true, targetUserId: true, toRole: true },
  });
  const pendingBy = new Map(pending.map((p) => [p.targetUserId, p]));
  return users.map((u) => ({
    ...u,
    status: u.disabled
      ? ("disabled" as const)
      : u.lockedUntil && u.lockedUntil > now
        ? ("locked" as const)
        : ("active" as const),
    pendingRoleChange: pendingBy.get(u.id) ?? null,
  }));
}
export type TListedUser = Awaited<ReturnType<typeof listUsers>>[number];
