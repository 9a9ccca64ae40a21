import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TExplorerOptions = {
  departments: { id: string; name: string }[];
  staff: { id: string; name: string; role: string }[];
};

/**
 * What the filter form offers: departments and staff accounts (directory data, never patients).
 * A patient is chosen by MRN through the POST lookup instead: listing patients would list names.
 */
export async function listExplorerOptions(prisma: PrismaClient): Promise<TExplorerOptions> {
  const [departments, staff] = await Promise.all([
    prisma.department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.user.findMany({
      where: { role: { not: "PATIENT" } },
      select: { id: true, displayName: true, role: true },
      orderBy: [{ displayName: "asc" }, { id: "asc" }],
      take: 2000,
    }),
  ]);
  return { departments, staff: staff.map((u) => ({ id: u.id, name: u.displayName, role: u.role })) };
}

/** The pseudonym of the patient filtered on, to name the filter without naming the patient. */
export async function patientPseudonymOf(prisma: PrismaClient, patientId: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ pseudonym: string }[]>`
    SELECT pseudonym FROM "Patient" WHERE id = ${patientId}::uuid`;
  return rows[0]?.pseudonym ?? null;
}
