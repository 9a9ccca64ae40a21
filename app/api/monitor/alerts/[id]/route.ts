import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { alertResponse } from "@/lib/monitor/alerts/alerts-response";
import { getAlertDetail } from "@/lib/monitor/alerts/get-alert-detail";

export const dynamic = "force-dynamic";

/** One alert with its cited event ids and its anchored transitions (docs/alerts-api.md). */
export const GET = handleApi<{ id: string }>("alerts.read", async ({ params }) =>
  Response.json(alertResponse(await getAlertDetail(getPrisma(), params.id)), {
    headers: { "cache-control": "no-store" },
  }),
);
