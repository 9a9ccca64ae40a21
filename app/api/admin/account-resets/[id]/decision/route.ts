import { z } from "zod";
import { decideAccountReset } from "@/lib/admin/decide-account-reset";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";
const ZBody = z.object({ approve: z.boolean() });

/**
 * Approve or reject a pending password or MFA reset; the requester may only reject (withdraw). An
 * approved password reset returns the one-time password in this response only.
 */
export const POST = handleApi<{ id: string }>("users.manage", async ({ user, params, request }) => {
  const { approve } = ZBody.parse(await readJsonBody(request, 1024));
  const r = await decideAccountReset(getPrisma(), { actorId: user.id, resetId: params.id, approve });
  return Response.json(r, { headers: { "cache-control": "no-store" } });
});
