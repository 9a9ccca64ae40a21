import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { blindIndex } from "./blind-index";

/**
 * Locate a patient by exact MRN through the keyed blind index, without decrypting anything:
 * for staff who manage a patient's privacy settings but may not read the record.
 */
export async function findPatientByMrn(
  prisma: PrismaClient,
  mrn: string,
): Promise<{ patientId: string; pseudonym: string } | null> {
  const p = await prisma.patient.findUnique({
    where: { mrnIndex: blindIndex("mrn", mrn) },
    select: { id: true, pseudonym: true, erasedAt: true },
  });
  return p && !p.erasedAt ? { patientId: p.id, pseudonym: p.pseudonym } : null;
}
