import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { reportStatusResponse } from "@/lib/reports/issue/report-build-response";
import { readReportStatus } from "@/lib/reports/issue/report-status";

export const dynamic = "force-dynamic";

/** Where a report stands: building (phase, counts, Retry-After), ready (its summary) or failed (why). */
export const GET = handleApi<{ id: string }>("reports.read", async ({ params, user }) => {
  return reportStatusResponse(await readReportStatus(getPrisma(), params.id, user), "/api/reports");
});
