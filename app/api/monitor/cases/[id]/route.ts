import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { caseResponse } from "@/lib/monitor/cases/case-api-response";
import { getPrivacyCase } from "@/lib/monitor/cases/get-privacy-case";

export const dynamic = "force-dynamic";

/** One case as JSON: intake, alerts, accesses (pseudonyms), clocks and history; no free text. */
export const GET = handleApi<{ id: string }>("cases.read", async ({ params }) => {
  const c = await getPrivacyCase(getPrisma(), params.id, { withText: false });
  return Response.json(caseResponse(c), { headers: { "cache-control": "no-store" } });
});
