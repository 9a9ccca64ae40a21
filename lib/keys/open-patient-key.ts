import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { unwrapDataKey } from "./patient-key";

export type TOpenedPatientKey = { patientId: string; pseudonym: string; dek: Buffer };

/**
 * Load a patient and unwrap their data key. Erased patients have no key left: that is a 410-like
 * conflict for the caller, never a decryption attempt. Callers must zero `dek` when done.
 */
export async function openPatientKey(
  db: Prisma.TransactionClient | PrismaClient,
  patientId: string,
): Promise<TOpenedPatientKey> {
  const patient = await db.patient.findUnique({ where: { id: patientId } });
  if (!patient) throw new AppError("not_found", "No such patient.");
  if (!patient.wrappedKey || patient.erasedAt) {
    throw new AppError("conflict", "This patient's data was erased; it can no longer be decrypted.");
  }
  return { patientId: patient.id, pseudonym: patient.pseudonym, dek: unwrapDataKey(patient.wrappedKey, patient.id) };
}
