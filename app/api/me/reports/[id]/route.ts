import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { reportStatusResponse } from "@/lib/reports/issue/report-build-response";
import { readReportStatus } from "@/lib/reports/issue/report-status";

export const dynamic = "force-dynamic";

/** Where a report the patient asked for stands: building, ready or failed (as GET /api/reports/<id>). */
export const GET = handleApi<{ id: string }>("self.reports", async ({ params, user }) => {
  return reportStatusResponse(await readReportStatus(getPrisma(), params.id, user), "/api/me/reports");
});
