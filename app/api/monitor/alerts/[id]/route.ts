import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { requestContext } from "@/lib/http/request-context";
import { alertResponse } from "@/lib/monitor/alerts/alerts-response";
import { getAlertDetail } from "@/lib/monitor/alerts/get-alert-detail";
import { recordMonitorView } from "@/lib/monitor/record-monitor-view";

export const dynamic = "force-dynamic";

/** One alert with its cited event ids and its anchored transitions (docs/alerts-api.md); each answer is a recorded consultation. */
export const GET = handleApi<{ id: string }>("alerts.read", async ({ user, request, params, requestId }) => {
  const detail = await getAlertDetail(getPrisma(), params.id);
  await recordMonitorView(
    getPrisma(),
    { actor: user, ...requestContext(request), requestId },
    {
      entity: `PrivacyAlert/${detail.alert.id}`,
      patientIds: [detail.alert.patientId, ...detail.events.map((e) => e.patientId)],
    },
  );
  return Response.json(alertResponse(detail), { headers: { "cache-control": "no-store" } });
});
