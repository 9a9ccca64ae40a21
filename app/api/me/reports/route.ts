import { getPrisma } from "@/lib/db/prisma";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";
import { handleApi } from "@/lib/http/handle-api";
import { issueOwnReport } from "@/lib/reports/issue/issue-own-report";
import { listIssuedReports } from "@/lib/reports/issue/list-issued-reports";

export const dynamic = "force-dynamic";

/**
 * A patient issues a report about themselves: {"type":"hipaa_access_report", "period"?: {…}} → 201.
 * The patient is the session's; a patientId in the body is refused (422).
 */
export const POST = handleApi(
  "self.reports",
  async ({ readJson, user }) => {
    const issued = await issueOwnReport(await readJson(), user, { prisma: getPrisma() });
    return Response.json(
      { ...issued, issuedAt: issued.issuedAt.toISOString(), links: { bundle: `/api/me/reports/${issued.id}/bundle` } },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
  { maxBodyBytes: COMMAND_BODY_BYTES },
);

/** The reports the patient issued about themselves, newest first: ?limit=&cursor=. */
export const GET = handleApi("self.reports", async ({ request, user }) => {
  const page = await listIssuedReports(getPrisma(), new URL(request.url).searchParams, user);
  return Response.json(
    {
      reports: page.reports.map((r) => ({ ...r, links: { bundle: `/api/me/reports/${r.id}/bundle` } })),
      nextCursor: page.nextCursor,
    },
    { headers: { "cache-control": "no-store" } },
  );
});
