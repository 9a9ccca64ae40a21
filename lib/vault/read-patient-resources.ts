import "server-only";
import type * as fhir4 from "fhir/r4";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { unwrapDataKey } from "@/lib/keys/patient-key";
import { decryptResource } from "./record-cipher";

export type TDecryptedRecord = { recordId: string; version: number; resourceType: string; resource: fhir4.Resource };

/**
 * Decrypt the current version of a patient's records (optionally of some resource types).
 * Callers are responsible for the access decision and its access event.
 */
export async function readPatientResources(
  prisma: PrismaClient,
  opts: { patientId: string; resourceTypes?: string[] },
): Promise<TDecryptedRecord[]> {
  const patient = await prisma.patient.findUnique({ where: { id: opts.patientId } });
  if (!patient) throw new AppError("not_found", "No such patient.");
  if (!patient.wrappedKey)
    throw new AppError("conflict", "This patient's data was erased; it can no longer be decrypted.");
  const records = await prisma.record.findMany({
    where: { patientId: patient.id, ...(opts.resourceTypes ? { resourceType: { in: opts.resourceTypes } } : {}) },
    include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    orderBy: { createdAt: "asc" },
  });
  const dek = unwrapDataKey(patient.wrappedKey, patient.id);
  try {
    return records.flatMap((r) => {
      const v = r.versions[0];
      if (!v) return [];
      const resource = decryptResource<fhir4.Resource>({
        dek,
        recordId: r.id,
        version: v.version,
        iv: v.iv,
        ciphertext: v.ciphertext,
      });
      return [{ recordId: r.id, version: v.version, resourceType: r.resourceType, resource }];
    });
  } finally {
    dek.fill(0);
  }
}
