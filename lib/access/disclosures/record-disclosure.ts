import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { authorizePatientAccess, type TPatientAccessRequest } from "../authorize-patient-access";
import { ZDisclosureInput } from "./disclosure-input";
import { writeDisclosure } from "./write-disclosure";

export type TRecordDisclosureInput = {
  actor: TPatientAccessRequest["actor"];
  patientId: string;
  /** Form or JSON input, validated here (ZDisclosureInput). */
  input: unknown;
  context?: Pick<TPatientAccessRequest, "network" | "userAgent" | "requestId">;
};

/**
 * Add an entry to a patient's HIPAA 164.528 disclosure register, through the access policy
 * (resource type Disclosure, purpose OPERATIONS); the attempt is an access event either way.
 */
export async function recordDisclosure(prisma: PrismaClient, opts: TRecordDisclosureInput) {
  return authorizePatientAccess(
    prisma,
    {
      actor: opts.actor,
      patientId: opts.patientId,
      action: "create",
      purposeOfUse: "OPERATIONS",
      resourceType: "Disclosure",
      entityWhat: "Disclosure",
      ...opts.context,
    },
    () =>
      writeDisclosure(prisma, {
        patientId: opts.patientId,
        recordedById: opts.actor.id,
        entry: ZDisclosureInput.parse(opts.input),
      }),
  );
}
