import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TPerson = { id: string; name: string };

/** The active compliance officers: whom an alert may be given to, and the queue's owner filter. */
export async function listActiveOfficers(prisma: PrismaClient): Promise<TPerson[]> {
  const rows = await prisma.user.findMany({
    where: { role: "COMPLIANCE_OFFICER", disabled: false },
    select: { id: true, displayName: true },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    take: 500,
  });
  return rows.map((u) => ({ id: u.id, name: u.displayName }));
}

/**
 * The staff members some alert is about, for the queue's actor filter (directory names; never a
 * patient). DISTINCT over the ("actorId", "createdAt", id) index, whose leading column it is.
 */
export async function listAlertActors(prisma: PrismaClient): Promise<TPerson[]> {
  return prisma.$queryRaw<TPerson[]>`
    SELECT u.id, u."displayName" AS name
    FROM (SELECT DISTINCT "actorId" FROM "PrivacyAlert" WHERE "actorId" IS NOT NULL) a
    JOIN "User" u ON u.id = a."actorId"
    ORDER BY u."displayName", u.id
    LIMIT 2000`;
}
