import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The pseudonym a patient is shown by to staff who may not read the record, and whether their data was erased. */
export async function findPatientPseudonym(
  prisma: PrismaClient,
  patientId: string,
): Promise<{ pseudonym: string; erased: boolean } | null> {
  const p = await prisma.patient.findUnique({ where: { id: patientId }, select: { pseudonym: true, erasedAt: true } });
  return p ? { pseudonym: p.pseudonym, erased: !!p.erasedAt } : null;
}
