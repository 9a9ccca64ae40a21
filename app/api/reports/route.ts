import { getPrisma } from "@/lib/db/prisma";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";
import { handleApi } from "@/lib/http/handle-api";
import { issueReport } from "@/lib/reports/issue/issue-report";
import { listIssuedReports } from "@/lib/reports/issue/list-issued-reports";

export const dynamic = "force-dynamic";

/**
 * Issue a report: {"type":"integrity_attestation"} → 201 once its evidence bundle is stored
 * (docs/reports-api.md); an auditor only within an audit engagement. Waits, bounded, for the
 * report's leaf to be sealed and witnessed.
 */
export const POST = handleApi(
  "reports.issue",
  async ({ readJson, user }) => {
    const issued = await issueReport(await readJson(), user, { prisma: getPrisma() });
    return Response.json(
      {
        ...issued,
        issuedAt: issued.issuedAt.toISOString(),
        links: { bundle: `/api/reports/${issued.id}/bundle`, list: "/api/reports" },
      },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
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
      reports: page.reports.map((r) => ({ ...r, links: { bundle: `/api/reports/${r.id}/bundle` } })),
      nextCursor: page.nextCursor,
      links: { next },
    },
    { headers: { "cache-control": "no-store" } },
  );
});
