import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { requestContext } from "@/lib/http/request-context";
import { exportAccessEventsCsv, MAX_EXPORT_ROWS } from "@/lib/monitor/explorer/export-access-events-csv";

export const dynamic = "force-dynamic";

/**
 * The explorer's filtered events as CSV (at most MAX_EXPORT_ROWS, newest first), streamed. The
 * download is recorded as an anchored access event before it starts.
 */
export const GET = handleApi("events.export", async ({ user, request, requestId }) => {
  const { stream } = await exportAccessEventsCsv(getPrisma(), {
    params: new URL(request.url).searchParams,
    actor: user,
    ...requestContext(request),
    requestId,
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/\D/g, "");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="access-events-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-max-rows": String(MAX_EXPORT_ROWS),
    },
  });
});
