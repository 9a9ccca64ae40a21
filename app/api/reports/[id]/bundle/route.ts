import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { readReportBundle } from "@/lib/reports/issue/read-report-bundle";

export const dynamic = "force-dynamic";

/** The report's evidence bundle as a ZIP download; every download is an anchored access event. */
export const GET = handleApi<{ id: string }>("reports.read", async ({ params, user }) => {
  const bundle = await readReportBundle(getPrisma(), params.id, user);
  return new Response(Buffer.from(bundle.bytes), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${bundle.fileName}"`,
      "content-length": String(bundle.bytes.length),
      "x-content-sha256": bundle.sha256,
      "cache-control": "no-store",
    },
  });
});
