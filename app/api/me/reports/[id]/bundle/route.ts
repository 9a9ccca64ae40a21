import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { bundleDownloadResponse, openReportBundle } from "@/lib/reports/issue/read-report-bundle";

export const dynamic = "force-dynamic";

/** The evidence bundle of a report the patient issued about themselves; the download is an access event. */
export const GET = handleApi<{ id: string }>("self.reports", async ({ params, user }) => {
  return bundleDownloadResponse(await openReportBundle(getPrisma(), params.id, user));
});
