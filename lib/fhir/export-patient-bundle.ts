import "server-only";
import type * as fhir4 from "fhir/r4";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readPatientResources } from "@/lib/vault/read-patient-resources";

/**
 * A patient's current records as a FHIR R4 collection Bundle (the basis of a GDPR Art. 15
 * copy). Callers decide access and record the access event.
 */
export async function exportPatientBundle(prisma: PrismaClient, patientId: string): Promise<fhir4.Bundle> {
  const records = await readPatientResources(prisma, { patientId });
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: new Date().toISOString(),
    total: records.length,
    entry: records.map((r) => ({
      fullUrl: `urn:uuid:${r.recordId}`,
      resource: { ...r.resource, meta: { ...r.resource.meta, versionId: String(r.version) } } as fhir4.FhirResource,
    })),
  };
}
