import { z } from "zod";
import { decideRoleChange } from "@/lib/admin/decide-role-change";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";
const ZBody = z.object({ approve: z.boolean() });

/** Approve or reject a pending grant of ADMIN; the requester may only reject (withdraw). */
export const POST = handleApi<{ id: string }>("users.manage", async ({ user, params, request }) => {
  const { approve } = ZBody.parse(await readJsonBody(request, 1024));
  return decideRoleChange(getPrisma(), { actorId: user.id, roleChangeId: params.id, approve });
});
