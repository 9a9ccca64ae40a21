import { z } from "zod";
import { decideAccountReset } from "@/lib/admin/decide-account-reset";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";

export const dynamic = "force-dynamic";
const ZBody = z.object({ approve: z.boolean() });

/**
 * Approve or reject a pending password or MFA reset; the requester may only reject (withdraw). An
 * approved password reset returns the one-time password in this response only.
 */
export const POST = handleApi<{ id: string }>(
  "users.manage",
  async ({ user, params, readJson }) => {
    const { approve } = ZBody.parse(await readJson());
    const r = await decideAccountReset(getPrisma(), { actorId: user.id, resetId: params.id, approve });
    return Response.json(r, { headers: { "cache-control": "no-store" } });
  },
  { maxBodyBytes: COMMAND_BODY_BYTES },
);
