import "server-only";
import { openPatientBytes } from "@/lib/keys/patient-text";
import { withPatientKeys } from "@/lib/keys/patient-key-ring";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/** The sealed place of a patient report's bundle (AES-GCM associated data): persisted, never rename. */
export const BUNDLE_COLUMN = "IssuedReportBundle.bundle";

/**
 * The ZIP of a stored bundle: as stored for an organization report, opened under the patient's
 * data key for a report about one patient. After erasure the key is gone and so is the report.
 */
export async function openStoredBundle(
  tx: Prisma.TransactionClient,
  report: { id: string; patientId: string | null },
  stored: Uint8Array,
): Promise<Uint8Array> {
  const patientId = report.patientId;
  if (!patientId) return stored;
  return withPatientKeys(tx, [patientId], (keyOf) => {
    const dek = keyOf(patientId);
    if (!dek)
      throw new AppError("conflict", "This report's patient was erased: the report was shredded with their key.");
    return new Uint8Array(openPatientBytes(dek, { column: BUNDLE_COLUMN, patientId, rowId: report.id }, stored));
  });
}
