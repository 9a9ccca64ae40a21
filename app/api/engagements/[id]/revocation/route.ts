import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { revokeEngagement } from "@/lib/reports/engagements/revoke-engagement";

export const dynamic = "force-dynamic";

/** Revoke an engagement (no body) → 201; 404 unknown, 409 already revoked. */
export const POST = handleApi<{ id: string }>("engagements.manage", async ({ params, user }) => {
  const revoked = await revokeEngagement(getPrisma(), params.id, user);
  return Response.json(
    { id: revoked.id, engagementId: params.id, revokedAt: revoked.revokedAt.toISOString() },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
});
