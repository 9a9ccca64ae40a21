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
  // The vault stores clinical subjects as Patient/<patient id> while the Patient resource's id is
  // its record id: point them at the Patient entry, so every reference resolves inside the Bundle.
  const patientRecord = records.find((r) => r.resourceType === "Patient");
  const subject = patientRecord ? { reference: `urn:uuid:${patientRecord.recordId}` } : undefined;
  return buildBundle({
    type: "collection",
    entries: records.map((r) => ({
      id: r.recordId,
      resource: {
        ...r.resource,
        ...(subject && "subject" in r.resource ? { subject } : {}),
        meta: { ...r.resource.meta, versionId: String(r.version) },
      } as fhir4.FhirResource,
    })),
  });
}
