import "server-only";
import type * as fhir4 from "fhir/r4";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listConsents } from "@/lib/access/consents/list-consents";
import { buildBundle } from "./build-bundle";
import { consentToFhir } from "./consent-to-fhir";

/** A patient's consents, revoked ones included (status inactive), as a FHIR R4 searchset Bundle. Callers authorize. */
export async function exportConsentBundle(
  prisma: PrismaClient,
  patientId: string,
): Promise<fhir4.Bundle<fhir4.Consent>> {
  const consents = await listConsents(prisma, { patientId });
  return buildBundle({
    type: "searchset",
    total: consents.length,
    entries: consents.map((c) => ({ id: c.id, resource: consentToFhir({ ...c, patientId }) })),
  });
}
