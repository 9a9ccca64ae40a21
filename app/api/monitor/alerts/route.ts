import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { parseAlertQueueFilters } from "@/lib/monitor/alerts/alert-queue-filters";
import { alertListResponse } from "@/lib/monitor/alerts/alerts-response";
import { listAlertQueue } from "@/lib/monitor/alerts/list-alert-queue";

export const dynamic = "force-dynamic";

/**
 * The alert queue as JSON: ?status=&severity=&rule=&owner=&actor=&limit=&cursor=
 * (docs/alerts-api.md); newest first, follow `links.next`.
 */
export const GET = handleApi("alerts.read", async ({ user, request }) => {
  const url = new URL(request.url);
  const page = await listAlertQueue(getPrisma(), {
    filters: parseAlertQueueFilters(url.searchParams),
    viewerId: user.id,
  });
  return Response.json(alertListResponse(page, url), { headers: { "cache-control": "no-store" } });
});
