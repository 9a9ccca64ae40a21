import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { getPrisma } from "@/lib/db/prisma";
import { importBundle } from "@/lib/fhir/import-bundle";
import { handleApi } from "@/lib/http/handle-api";
import { FHIR_IMPORT_BODY_BYTES } from "@/lib/http/body-limits";
import { requestContext } from "@/lib/http/request-context";

export const dynamic = "force-dynamic";

/** FHIR R4 Bundle import (transaction or collection): all of it or nothing; 422 lists every problem. */
export const POST = handleApi(
  "fhir.import",
  async ({ user, request, requestId, readJson }) => {
    const bundle = await readJson();
    const prisma = getPrisma();
    const result = await authorizePatientAccess(
      prisma,
      { actor: user, patientId: null, action: "create", entityWhat: "Bundle", ...requestContext(request), requestId },
      () =>
        importBundle(prisma, {
          bundle,
          actor: { id: user.id, role: user.role },
          network: requestContext(request).network,
          requestId,
        }),
    );
    return Response.json(result, { status: 201 });
  },
  { maxBodyBytes: FHIR_IMPORT_BODY_BYTES },
);
