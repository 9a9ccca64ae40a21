import "server-only";
import type * as fhir4 from "fhir/r4";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { writeRecordVersions } from "./write-record-versions";

export type TAddRecordVersionInput = { recordId: string; resource: fhir4.Resource; authorId?: string | null };

/**
 * Update a record by appending version n+1 (never an overwrite). The record row is locked so two
 * concurrent updates get consecutive versions instead of a unique-constraint failure.
 */
export async function addRecordVersion(
  tx: Prisma.TransactionClient,
  input: TAddRecordVersionInput,
): Promise<{ recordId: string; version: number }> {
  const locked = await tx.$queryRaw<{ patientId: string; resourceType: string; currentVersion: number }[]>`
    SELECT "patientId", "resourceType", "currentVersion" FROM "Record" WHERE id = ${input.recordId}::uuid FOR UPDATE`;
  const record = locked[0];
  if (!record) throw new AppError("not_found", "No such record.");
  if (record.resourceType !== input.resource.resourceType) {
    throw new AppError("unprocessable", `This record holds a ${record.resourceType}; a new version must be one too.`);
  }
  const key = await openPatientKey(tx, record.patientId);
  try {
    const version = record.currentVersion + 1;
    const resource = { ...input.resource, id: input.recordId };
    await writeRecordVersions(tx, {
      dek: key.dek,
      pseudonym: key.pseudonym,
      authorId: input.authorId,
      versions: [{ recordId: input.recordId, version, resourceType: record.resourceType, resource }],
    });
    await tx.record.update({ where: { id: input.recordId }, data: { currentVersion: version } });
    return { recordId: input.recordId, version };
  } finally {
    key.dek.fill(0);
  }
}
