import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { blindIndex } from "./blind-index";

export type TRequestErasureInput = {
  requestedById: string;
  filedBy: "data_subject" | "compliance_officer";
  /** The patient, given by id (portal account) or by MRN (compliance officer, via the blind index). */
  patient: { id: string } | { mrn: string };
};

/** File a GDPR Art. 17 erasure request. One open request per patient; erased patients cannot be filed again. */
export async function requestErasure(
  prisma: PrismaClient,
  input: TRequestErasureInput,
): Promise<{ requestId: string }> {
  const where = "id" in input.patient ? { id: input.patient.id } : { mrnIndex: blindIndex("mrn", input.patient.mrn) };
  return prisma.$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({ where, select: { id: true, erasedAt: true } });
    if (!patient) throw new AppError("not_found", "No patient has that MRN.");
    await tx.$queryRaw`SELECT id FROM "Patient" WHERE id = ${patient.id}::uuid FOR UPDATE`;
    if (patient.erasedAt) throw new AppError("conflict", "This patient's data has already been erased.");
    const open = await tx.erasureRequest.findFirst({ where: { patientId: patient.id, status: "REQUESTED" } });
    if (open) throw new AppError("conflict", "An erasure request for this patient is already waiting for a decision.");
    const created = await tx.erasureRequest.create({
      data: { patientId: patient.id, requestedById: input.requestedById, filedBy: input.filedBy },
    });
    return { requestId: created.id };
  });
}
