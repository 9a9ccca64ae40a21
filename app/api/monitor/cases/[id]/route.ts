import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { requestContext } from "@/lib/http/request-context";
import { caseResponse } from "@/lib/monitor/cases/case-api-response";
import { getPrivacyCase } from "@/lib/monitor/cases/get-privacy-case";
import { recordMonitorView } from "@/lib/monitor/record-monitor-view";

export const dynamic = "force-dynamic";

/** One case as JSON: intake, alerts, accesses (pseudonyms), clocks and history; no free text. Each answer is a recorded consultation. */
export const GET = handleApi<{ id: string }>("cases.read", async ({ user, request, params, requestId }) => {
  const c = await getPrivacyCase(getPrisma(), params.id, { withText: false });
  await recordMonitorView(
    getPrisma(),
    { actor: user, ...requestContext(request), requestId },
    { entity: `PrivacyCase/${c.id}`, patientIds: c.patientIds },
  );
  return Response.json(caseResponse(c), { headers: { "cache-control": "no-store" } });
});
