import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { TPatientAccessRequest } from "../authorize-patient-access";
import { lookupPatientByMrn } from "../search/lookup-patient-by-mrn";

export type TFindRegisterPatientInput = {
  actor: TPatientAccessRequest["actor"];
  mrn: string;
  context?: Pick<TPatientAccessRequest, "network" | "userAgent" | "requestId">;
};

/**
 * Locate a patient for the disclosure register by exact MRN through the keyed blind index,
 * decrypting nothing (the privacy office never reads demographics). The lookup is recorded as a
 * search (lib/access/search); erased patients have no index left and are not found.
 */
export async function findRegisterPatient(
  prisma: PrismaClient,
  opts: TFindRegisterPatientInput,
): Promise<{ patientId: string }> {
  const found = await lookupPatientByMrn(prisma, { ...opts, resourceType: "Disclosure" });
  if (!found) throw new AppError("not_found", "No patient has that MRN.");
  return { patientId: found.patientId };
}
