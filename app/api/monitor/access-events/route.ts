import { getReadPrisma } from "@/lib/db/read-client";
import { handleApi } from "@/lib/http/handle-api";
import { requestContext } from "@/lib/http/request-context";
import { exploreAccessEvents } from "@/lib/monitor/explorer/explore-access-events";
import { explorerResponse } from "@/lib/monitor/explorer/explorer-response";

export const dynamic = "force-dynamic";

/**
 * The access explorer as JSON, for a ticketing system or SIEM: ?from=&to=&actor=&role=&department=
 * &patient=&action=&outcome=&purpose=&breakGlass=&rule=&limit=&cursor= (docs/access-explorer.md);
 * newest first, follow `links.next`. Each call is itself an anchored access event.
 */
export const GET = handleApi("events.read", async ({ user, request, requestId }) => {
  const url = new URL(request.url);
  const { page } = await exploreAccessEvents(getReadPrisma(), {
    params: url.searchParams,
    actor: user,
    ...requestContext(request),
    requestId,
  });
  return Response.json(explorerResponse(page, url), { headers: { "cache-control": "no-store" } });
});
