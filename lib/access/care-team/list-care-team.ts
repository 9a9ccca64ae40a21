import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TCareTeamMember = { userId: string; name: string; email: string; department: string | null; since: Date };

/** Current members of a patient's care team: users whose latest change is "add". */
export async function listCareTeam(prisma: PrismaClient, patientId: string): Promise<TCareTeamMember[]> {
  const latest = await prisma.$queryRaw<{ userId: string; change: string; createdAt: Date }[]>`
    SELECT DISTINCT ON ("userId") "userId", change, "createdAt" FROM "CareTeamChange"
     WHERE "patientId" = ${patientId}::uuid ORDER BY "userId", "createdAt" DESC, id DESC`;
  const members = latest.filter((r) => r.change === "add");
  const users = await prisma.user.findMany({
    where: { id: { in: members.map((m) => m.userId) } },
    select: { id: true, displayName: true, email: true, department: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return members
    .flatMap((m) => {
      const u = byId.get(m.userId);
      return u
        ? [{ userId: u.id, name: u.displayName, email: u.email, department: u.department, since: m.createdAt }]
        : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
