import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { bundleDownloadResponse, openReportBundle } from "@/lib/reports/issue/read-report-bundle";

export const dynamic = "force-dynamic";

/** The report's evidence bundle as a ZIP download; every download is an anchored access event. */
export const GET = handleApi<{ id: string }>("reports.read", async ({ params, user }) => {
  return bundleDownloadResponse(await openReportBundle(getPrisma(), params.id, user));
});
