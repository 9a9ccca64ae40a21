import "server-only";
import type * as fhir4 from "fhir/r4";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { newRecordId } from "./new-record-id";
import { writeRecordVersions } from "./write-record-versions";

export type TAddPatientRecordInput = { patientId: string; resource: fhir4.Resource; authorId?: string | null };

/** Store a new clinical resource for a patient as an encrypted, anchored version-1 record. */
export async function addPatientRecord(
  tx: Prisma.TransactionClient,
  input: TAddPatientRecordInput,
): Promise<{ recordId: string; version: number }> {
  if (input.resource.resourceType === "Patient")
    throw new AppError("bad_request", "A patient has exactly one Patient resource; update it instead.");
  // Lock the patient row: an erasure running concurrently must not interleave with this write.
  await tx.$queryRaw`SELECT id FROM "Patient" WHERE id = ${input.patientId}::uuid FOR UPDATE`;
  const key = await openPatientKey(tx, input.patientId);
  try {
    const recordId = newRecordId();
    const resource = { ...input.resource, id: recordId, subject: { reference: `Patient/${key.patientId}` } };
    await writeRecordVersions(tx, {
      dek: key.dek,
      pseudonym: key.pseudonym,
      authorId: input.authorId,
      newRecordsOf: key.patientId,
      versions: [{ recordId, version: 1, resourceType: input.resource.resourceType, resource }],
    });
    return { recordId, version: 1 };
  } finally {
    key.dek.fill(0);
  }
}
