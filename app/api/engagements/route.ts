import { can } from "@/lib/access/permissions";
import { getPrisma } from "@/lib/db/prisma";
import { ENGAGEMENT_BODY_BYTES } from "@/lib/http/body-limits";
import { handleApi } from "@/lib/http/handle-api";
import { grantEngagement } from "@/lib/reports/engagements/grant-engagement";
import { listAuditorAccounts, listEngagements } from "@/lib/reports/engagements/list-engagements";

export const dynamic = "force-dynamic";

/**
 * Audit engagements, newest first: all of them (and the auditor accounts one may be granted to)
 * for a compliance officer, one's own for an auditor (docs/reports-api.md).
 */
export const GET = handleApi("engagements.read", async ({ user }) => {
  const prisma = getPrisma();
  const engagements = await listEngagements(prisma, user);
  const auditors = can(user.role, "engagements.manage") ? await listAuditorAccounts(prisma) : undefined;
  return Response.json({ engagements, auditors }, { headers: { "cache-control": "no-store" } });
});

/** Grant an engagement: {auditorId, period: {from, to}, reportTypes: [...], expiresAt} → 201. */
export const POST = handleApi(
  "engagements.manage",
  async ({ readJson, user }) => {
    const { id } = await grantEngagement(getPrisma(), await readJson(), user);
    return Response.json(
      { id, links: { revoke: `/api/engagements/${id}/revocation`, list: "/api/engagements" } },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
  { maxBodyBytes: ENGAGEMENT_BODY_BYTES },
);
