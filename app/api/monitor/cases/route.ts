import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { caseListResponse } from "@/lib/monitor/cases/case-api-response";
import { listPrivacyCases } from "@/lib/monitor/cases/list-privacy-cases";

export const dynamic = "force-dynamic";

/**
 * The case queue as JSON: ?state=&owner=&actor=&overdue=yes&limit=&cursor= (docs/privacy-cases.md);
 * newest case first, follow `links.next`. Codes and dates only, never case notes.
 */
export const GET = handleApi("cases.read", async ({ request }) => {
  const url = new URL(request.url);
  const page = await listPrivacyCases(getPrisma(), { params: url.searchParams });
  return Response.json(caseListResponse(page, url), { headers: { "cache-control": "no-store" } });
});
