import "server-only";
import type * as fhir4 from "fhir/r4";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeCareTeam } from "@/lib/access/care-team/change-care-team";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { AppError, type TErrorDetail } from "@/lib/errors";
import { blindIndex, normalizeForIndex } from "@/lib/vault/blind-index";
import { createPatient, mrnOf } from "@/lib/vault/create-patient";
import { validateBundle } from "./validate-bundle";

export type TImportBundleInput = {
  bundle: unknown;
  actor: { id: string; role: Role } | null;
  network?: string | null;
  requestId?: string;
};

export type TImportResult = { patients: { patientId: string; pseudonym: string; records: number }[] };

/**
 * Import a FHIR R4 Bundle all-or-nothing: validate everything first (AppError "unprocessable"
 * listing every problem), then create every patient with their records and one access event
 * per patient in a single transaction. The importing user joins each new patient's care team.
 */
export async function importBundle(prisma: PrismaClient, input: TImportBundleInput): Promise<TImportResult> {
  const result = validateBundle(input.bundle);
  if (!result.ok)
    throw new AppError(
      "unprocessable",
      `The bundle is invalid (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}).`,
      result.problems,
    );

  const conflicts: TErrorDetail[] = [];
  const seen = new Set<string>();
  for (const p of result.patients) {
    const mrn = mrnOf(p.patient as fhir4.Patient) ?? "";
    const path = `entry[${p.entryIndex}].resource.identifier`;
    if (!normalizeForIndex("mrn", mrn)) {
      conflicts.push({ path, message: "the MRN needs at least one letter or digit" });
      continue;
    }
    const index = blindIndex("mrn", mrn);
    if (seen.has(index)) conflicts.push({ path, message: "the same MRN appears twice in this bundle" });
    else if (await prisma.patient.findUnique({ where: { mrnIndex: index }, select: { id: true } }))
      conflicts.push({ path, message: "a patient with this MRN already exists" });
    seen.add(index);
  }
  if (conflicts.length)
    throw new AppError(
      "unprocessable",
      `The bundle is invalid (${conflicts.length} problem${conflicts.length === 1 ? "" : "s"}).`,
      conflicts,
    );

  return prisma.$transaction(
    async (tx) => {
      const patients: TImportResult["patients"] = [];
      for (const p of result.patients) {
        const created = await createPatient(tx, {
          patient: { ...p.patient, identifier: [...p.patient.identifier] } as fhir4.Patient,
          resources: p.clinical as fhir4.Resource[],
          authorId: input.actor?.id,
        });
        if (input.actor)
          await changeCareTeam(tx, {
            patientId: created.patientId,
            userId: input.actor.id,
            change: "add",
            byId: input.actor.id,
          });
        await recordAccessEvent(tx, {
          type: AUDIT_TYPE.restful.type,
          subtype: AUDIT_TYPE.restful.subtype.create,
          action: "C",
          outcome: "0",
          actorId: input.actor?.id ?? null,
          actorRole: input.actor?.role ?? null,
          network: input.network ?? null,
          purposeOfUse: "HOPERAT",
          patientId: created.patientId,
          entityWhat: `Bundle/import:${created.recordIds.length}`,
          requestId: input.requestId,
        });
        patients.push({
          patientId: created.patientId,
          pseudonym: created.pseudonym,
          records: created.recordIds.length,
        });
      }
      return { patients };
    },
    { timeout: 120_000 },
  );
}
