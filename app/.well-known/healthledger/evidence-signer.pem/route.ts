import { errorResponse } from "@/lib/http/handle-api";
import { requestIdOf } from "@/lib/http/request-id";
import { requireEvidenceSigner } from "@/lib/reports/certificates/evidence-index";

export const dynamic = "force-dynamic";

/** The PDF signer's certificate (PEM), then any intermediate CA, as report signatures carry it. Public, signed out. */
export async function GET(request: Request) {
  try {
    return new Response(requireEvidenceSigner().signerPem, {
      headers: { "content-type": "application/x-pem-file", "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, requestIdOf(request.headers));
  }
}
