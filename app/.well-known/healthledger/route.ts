import { errorResponse } from "@/lib/http/handle-api";
import { requestIdOf } from "@/lib/http/request-id";
import { getPrisma } from "@/lib/db/prisma";
import { evidenceIndex } from "@/lib/reports/certificates/evidence-index";

export const dynamic = "force-dynamic";

/**
 * The index of our public evidence keys (docs/evidence-signing.md), unauthenticated on purpose:
 * regulators and their tools fetch it before they trust anything else we serve.
 */
export async function GET(request: Request) {
  try {
    return Response.json(await evidenceIndex(getPrisma()), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, requestIdOf(request.headers));
  }
}
