import { getPrisma } from "@/lib/db/prisma";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";
import { handleApi } from "@/lib/http/handle-api";
import { parsePrefer, waitBudgetMs } from "@/lib/http/prefer";
import { prepareOwnReportIssue } from "@/lib/reports/issue/issue-own-report";
import { listIssuedReports } from "@/lib/reports/issue/list-issued-reports";
import { ISSUE_WAIT, issueReportResponse } from "@/lib/reports/issue/report-build-response";
import { startReportBuild } from "@/lib/reports/issue/report-build-job";

export const dynamic = "force-dynamic";

/**
 * A patient issues a report about themselves: {"type":"hipaa_access_report", "period"?: {…}} → 201,
 * or 202 while it is built (as POST /api/reports). The patient is the session's; a patientId in the
 * body is refused (422).
 */
export const POST = handleApi(
  "self.reports",
  async ({ readJson, request, user }) => {
    const prisma = getPrisma();
    const prepared = await prepareOwnReportIssue(await readJson(), user, { prisma });
    const build = await startReportBuild(prepared, { prisma });
    const prefs = parsePrefer(request.headers.get("prefer"));
    return issueReportResponse({
      prisma,
      actor: user,
      build,
      waitMs: waitBudgetMs(prefs, ISSUE_WAIT),
      respondAsync: prefs.respondAsync,
      base: "/api/me/reports",
    });
  },
  { maxBodyBytes: COMMAND_BODY_BYTES },
);

/** The reports the patient issued about themselves, newest first: ?limit=&cursor=. */
export const GET = handleApi("self.reports", async ({ request, user }) => {
  const page = await listIssuedReports(getPrisma(), new URL(request.url).searchParams, user);
  return Response.json(
    {
      reports: page.reports.map((r) => ({
        ...r,
        links: { self: `/api/me/reports/${r.id}`, bundle: `/api/me/reports/${r.id}/bundle` },
      })),
      nextCursor: page.nextCursor,
    },
    { headers: { "cache-control": "no-store" } },
  );
});
