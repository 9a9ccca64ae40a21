import { getPrisma } from "@/lib/db/prisma";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";
import { handleApi } from "@/lib/http/handle-api";
import { applyAlertChange } from "@/lib/monitor/alerts/apply-alert-change";
import { alertResponse } from "@/lib/monitor/alerts/alerts-response";
import { getAlertDetail } from "@/lib/monitor/alerts/get-alert-detail";

export const dynamic = "force-dynamic";

/**
 * Apply one change to one alert (a ZAlertChange body: start_review, assign, set_priority, close,
 * escalate), anchored as one transition; answers the alert as it now is (docs/alerts-api.md).
 */
export const POST = handleApi<{ id: string }>(
  "alerts.acknowledge",
  async ({ user, params, readJson }) => {
    const prisma = getPrisma();
    await applyAlertChange(prisma, { alertId: params.id, change: await readJson(), byId: user.id });
    return Response.json(alertResponse(await getAlertDetail(prisma, params.id)), {
      headers: { "cache-control": "no-store" },
    });
  },
  { maxBodyBytes: COMMAND_BODY_BYTES },
);
