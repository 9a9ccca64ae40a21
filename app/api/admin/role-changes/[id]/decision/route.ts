import { z } from "zod";
import { decideRoleChange } from "@/lib/admin/decide-role-change";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";

export const dynamic = "force-dynamic";
const ZBody = z.object({ approve: z.boolean() });

/** Approve or reject a pending grant of ADMIN; the requester may only reject (withdraw). */
export const POST = handleApi<{ id: string }>(
  "users.manage",
  async ({ user, params, readJson }) => {
    const { approve } = ZBody.parse(await readJson());
    return decideRoleChange(getPrisma(), { actorId: user.id, roleChangeId: params.id, approve });
  },
  { maxBodyBytes: COMMAND_BODY_BYTES },
);
