import { errorResponse } from "@/lib/http/handle-api";
import { requestIdOf } from "@/lib/http/request-id";
import { readHealth } from "@/lib/ops/health/read-health";

export const dynamic = "force-dynamic";

/**
 * The service's health for uptime monitors, unauthenticated on purpose and free of PHI
 * (docs/operations.md#health): 200 while it serves (status ok or degraded), 503 when it does not
 * (database down, or patient data refused by the rollback guard).
 */
export async function GET(request: Request) {
  try {
    const health = await readHealth();
    return Response.json(health, {
      status: health.status === "down" ? 503 : 200,
      headers: { "cache-control": "no-store", ...(health.status === "down" ? { "retry-after": "5" } : {}) },
    });
  } catch (error) {
    return errorResponse(error, requestIdOf(request.headers));
  }
}
