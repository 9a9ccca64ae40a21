import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { findPatientByMrn } from "@/lib/vault/find-patient-by-mrn";
import { authorizePatientAccess, type TPatientAccessRequest } from "../authorize-patient-access";

export const ZRegisterMrn = z.string().trim().min(3, "Enter the patient's MRN.").max(40, "That is not an MRN.");

export type TFindRegisterPatientInput = {
  actor: TPatientAccessRequest["actor"];
  mrn: string;
  context?: Pick<TPatientAccessRequest, "network" | "userAgent" | "requestId">;
};

/**
 * Locate a patient for the disclosure register by exact MRN through the keyed blind index,
 * decrypting nothing (the privacy office never reads demographics). The lookup is an access
 * event of its own; erased patients have no index left and are not found.
 */
export async function findRegisterPatient(
  prisma: PrismaClient,
  opts: TFindRegisterPatientInput,
): Promise<{ patientId: string }> {
  const mrn = ZRegisterMrn.parse(opts.mrn);
  return authorizePatientAccess(
    prisma,
    {
      actor: opts.actor,
      patientId: null,
      action: "search",
      purposeOfUse: "OPERATIONS",
      resourceType: "Disclosure",
      entityWhat: "Patient?by=mrn",
      ...opts.context,
    },
    async () => {
      const p = await findPatientByMrn(prisma, mrn);
      if (!p) throw new AppError("not_found", "No patient has that MRN.");
      return { patientId: p.patientId };
    },
  );
}
