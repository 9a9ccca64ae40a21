import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { readReportBundle } from "@/lib/reports/issue/read-report-bundle";

export const dynamic = "force-dynamic";

/** The evidence bundle of a report the patient issued about themselves; the download is an access event. */
export const GET = handleApi<{ id: string }>("self.reports", async ({ params, user }) => {
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
