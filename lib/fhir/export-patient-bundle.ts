import "server-only";
import type * as fhir4 from "fhir/r4";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readPatientResources } from "@/lib/vault/read-patient-resources";
import { buildBundle } from "./build-bundle";

/**
 * A patient's current records as a FHIR R4 collection Bundle (the basis of a GDPR Art. 15
 * copy). No `total`: FHIR allows it on search and history Bundles only (bdl-1). Callers
 * decide access and record the access event.
 */
export async function exportPatientBundle(prisma: PrismaClient, patientId: string): Promise<fhir4.Bundle> {
  const records = await readPatientResources(prisma, { patientId });
  return buildBundle({
    type: "collection",
    entries: records.map((r) => ({
      id: r.recordId,
      resource: { ...r.resource, meta: { ...r.resource.meta, versionId: String(r.version) } } as fhir4.FhirResource,
    })),
  });
}
