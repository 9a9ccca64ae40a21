import { z } from "zod";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { getPrisma } from "@/lib/db/prisma";
import { exportConsentBundle } from "@/lib/fhir/export-consent-bundle";
import { handleApi } from "@/lib/http/handle-api";
import { requestContext } from "@/lib/http/request-context";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  patient: z
    .string("Give the patient: ?patient=<id>.")
    .trim()
    .min(1)
    .max(80)
    .transform((p) => p.replace(/^Patient\//, "")),
});

/** GET /api/fhir/Consent?patient=<id>: the patient's consents as a FHIR R4 Bundle, decided by the access policy. */
export const GET = handleApi("consents.read", async ({ user, request, requestId }) => {
  const { patient } = ZQuery.parse({ patient: new URL(request.url).searchParams.get("patient") ?? undefined });
  const prisma = getPrisma();
  const bundle = await authorizePatientAccess(
    prisma,
    {
      actor: user,
      patientId: patient,
      action: "read",
      resourceType: "Consent",
      entityWhat: `Consent?patient=${patient}`,
      ...requestContext(request),
      requestId,
    },
    () => exportConsentBundle(prisma, patient),
  );
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: { "content-type": "application/fhir+json", "cache-control": "no-store" },
  });
});
