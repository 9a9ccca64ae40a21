import { getPrisma } from "@/lib/db/prisma";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { exportPatientBundle } from "@/lib/fhir/export-patient-bundle";
import { handleApi } from "@/lib/http/handle-api";
import { requestContext } from "@/lib/http/request-context";

export const dynamic = "force-dynamic";

/** A patient's current records as a FHIR R4 collection Bundle (download); the access is recorded. */
export const GET = handleApi<{ id: string }>("records.read", async ({ user, request, params, requestId }) => {
  const prisma = getPrisma();
  const bundle = await authorizePatientAccess(
    prisma,
    {
      actor: user,
      patientId: params.id,
      action: "export",
      entityWhat: `Patient/${params.id}`,
      ...requestContext(request),
      requestId,
    },
    () => exportPatientBundle(prisma, params.id),
  );
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      "content-type": "application/fhir+json",
      "content-disposition": `attachment; filename="patient-${params.id}.json"`,
      "cache-control": "no-store",
    },
  });
});
