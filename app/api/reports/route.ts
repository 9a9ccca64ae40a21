import { getPrisma } from "@/lib/db/prisma";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";
import { handleApi } from "@/lib/http/handle-api";
import { parsePrefer, waitBudgetMs } from "@/lib/http/prefer";
import { prepareReportIssue } from "@/lib/reports/issue/issue-report";
import { listIssuedReports } from "@/lib/reports/issue/list-issued-reports";
import { ISSUE_WAIT, issueReportResponse } from "@/lib/reports/issue/report-build-response";
import { startReportBuild } from "@/lib/reports/issue/report-build-job";

export const dynamic = "force-dynamic";

/**
 * Issue a report: {"type":"integrity_attestation"} (docs/reports-api.md); an auditor only within an
 * audit engagement. Refusals answer at once; the build goes on in the background: 201 with the
 * report if it ends within the wait (10 s, or the client's Prefer: wait=N; none for
 * Prefer: respond-async), else 202 with its status resource in Location.
 */
export const POST = handleApi(
  "reports.issue",
  async ({ readJson, request, user }) => {
    const prisma = getPrisma();
    const prepared = await prepareReportIssue(await readJson(), user, { prisma });
    const build = await startReportBuild(prepared, { prisma });
    const prefs = parsePrefer(request.headers.get("prefer"));
    return issueReportResponse({
      prisma,
      actor: user,
      build,
      waitMs: waitBudgetMs(prefs, ISSUE_WAIT),
      respondAsync: prefs.respondAsync,
      base: "/api/reports",
    });
  },
  { maxBodyBytes: COMMAND_BODY_BYTES },
);

/** Issued reports the user may see (an auditor: under their engagements), newest first: ?limit=&cursor=. */
export const GET = handleApi("reports.read", async ({ request, user }) => {
  const url = new URL(request.url);
  const page = await listIssuedReports(getPrisma(), url.searchParams, user);
  let next: string | null = null;
  if (page.nextCursor) {
    const u = new URL(url.pathname, url.origin);
    u.search = url.search;
    u.searchParams.set("cursor", page.nextCursor);
    next = u.pathname + u.search;
  }
  return Response.json(
    {
      reports: page.reports.map((r) => ({
        ...r,
        links: { self: `/api/reports/${r.id}`, bundle: `/api/reports/${r.id}/bundle` },
      })),
      nextCursor: page.nextCursor,
      links: { next },
    },
    { headers: { "cache-control": "no-store" } },
  );
});
