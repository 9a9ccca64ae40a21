import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TRuleSetVersion = {
  version: number;
  hash: string;
  activatedAt: Date;
  activatedBy: string | null;
};

/** Every activated version of the monitoring rule set, newest first, with who activated it. */
export async function listRuleSetVersions(prisma: PrismaClient, limit = 50): Promise<TRuleSetVersion[]> {
  const rows = await prisma.monitorRuleSet.findMany({
    orderBy: { version: "desc" },
    take: limit,
    select: { version: true, hash: true, createdAt: true, activatedById: true },
  });
  const names = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.activatedById))] } },
        select: { id: true, displayName: true },
      })
    ).map((u) => [u.id, u.displayName]),
  );
  return rows.map((r) => ({
    version: r.version,
    hash: r.hash,
    activatedAt: r.createdAt,
    activatedBy: names.get(r.activatedById) ?? null,
  }));
}
