import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { authorizePatientAccess } from "../authorize-patient-access";
import { ZDisclosureInput } from "./disclosure-input";
import type { TRecordDisclosureInput } from "./record-disclosure";
import { writeDisclosure } from "./write-disclosure";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TCorrectDisclosureInput = TRecordDisclosureInput & { disclosureId: string };

/**
 * Correct a register entry by appending a complete new entry that supersedes it; the old entry
 * stays as it was and is shown as superseded. Only the latest entry of a chain can be corrected.
 */
export async function correctDisclosure(prisma: PrismaClient, opts: TCorrectDisclosureInput) {
  if (!UUID.test(opts.disclosureId)) throw new AppError("not_found", "No such entry in this patient's register.");
  return authorizePatientAccess(
    prisma,
    {
      actor: opts.actor,
      patientId: opts.patientId,
      action: "update",
      purposeOfUse: "OPERATIONS",
      resourceType: "Disclosure",
      entityWhat: `Disclosure/${opts.disclosureId}`,
      ...opts.context,
    },
    () =>
      writeDisclosure(prisma, {
        patientId: opts.patientId,
        recordedById: opts.actor.id,
        entry: ZDisclosureInput.parse(opts.input),
        supersedesId: opts.disclosureId,
      }),
  );
}
