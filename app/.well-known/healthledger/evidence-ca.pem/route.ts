import { errorResponse } from "@/lib/http/handle-api";
import { requestIdOf } from "@/lib/http/request-id";
import { requireEvidenceSigner } from "@/lib/reports/certificates/evidence-index";

export const dynamic = "force-dynamic";

/** The evidence CA certificate (PEM) that report PDFs chain to; its SHA-256 is in the index. Public, signed out. */
export async function GET(request: Request) {
  try {
    return new Response(requireEvidenceSigner().caPem, {
      headers: { "content-type": "application/x-pem-file", "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, requestIdOf(request.headers));
  }
}
