import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { normalizeForIndex } from "@/lib/vault/blind-index";
import { findPatientByMrn } from "@/lib/vault/find-patient-by-mrn";
import { authorizePatientSearch, type TPatientSearchRequest } from "./authorize-patient-search";

export const ZLookupMrn = z
  .string()
  .trim()
  .min(3, "Enter the patient's MRN.")
  .max(40, "That is not an MRN.")
  .refine((v) => normalizeForIndex("mrn", v) !== "", "An MRN needs at least one letter or digit.");

export type TLookupPatientByMrnInput = {
  actor: TPatientSearchRequest["actor"];
  mrn: string;
  /** What the privacy office opens for the patient: their consents and care team, the disclosure register, or the access log about them. */
  resourceType: "Consent" | "Disclosure" | "AuditEvent";
  context?: Pick<TPatientSearchRequest, "network" | "userAgent" | "requestId">;
};

/**
 * The privacy office finds a patient by exact MRN through the blind index, decrypting nothing:
 * only the pseudonym comes back. The lookup is recorded like any search (keyed hash of the MRN,
 * one event for the patient found). Null when no patient (or an erased one) has that MRN.
 */
export async function lookupPatientByMrn(
  prisma: PrismaClient,
  input: TLookupPatientByMrnInput,
): Promise<{ patientId: string; pseudonym: string } | null> {
  const mrn = ZLookupMrn.parse(input.mrn);
  const [found] = await authorizePatientSearch(
    prisma,
    {
      actor: input.actor,
      by: "mrn",
      query: mrn,
      purposeOfUse: "OPERATIONS",
      resourceType: input.resourceType,
      ...input.context,
    },
    async () => {
      const p = await findPatientByMrn(prisma, mrn);
      return p ? [p] : [];
    },
  );
  return found?.hit ?? null;
}
