import { getPrisma } from "@/lib/db/prisma";
import { searchAuditEvents } from "@/lib/fhir/search-audit-events";
import { handleApi } from "@/lib/http/handle-api";
import { requestContext } from "@/lib/http/request-context";

export const dynamic = "force-dynamic";

/**
 * Access events as a FHIR searchset Bundle of AuditEvent (IHE ITI-81 style):
 * ?patient=&agent=&date=ge…&date=le…&outcome=&_count=&_sort=; follow the `next` link to page.
 */
export const GET = handleApi("events.read", async ({ user, request, requestId }) => {
  const bundle = await searchAuditEvents(getPrisma(), {
    url: new URL(request.url),
    actor: user,
    ...requestContext(request),
    requestId,
  });
  return new Response(JSON.stringify(bundle), {
    headers: { "content-type": "application/fhir+json", "cache-control": "no-store" },
  });
});
