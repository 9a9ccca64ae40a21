import { requestRoleChange, ZRoleChangeRequest } from "@/lib/admin/request-role-change";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";

export const dynamic = "force-dynamic";
const ZBody = ZRoleChangeRequest.pick({ toRole: true });

/** Change a role: 200 "applied", or 202 "pending" for a grant of ADMIN awaiting a second admin. */
export const POST = handleApi<{ id: string }>(
  "users.manage",
  async ({ user, params, readJson }) => {
    const { toRole } = ZBody.parse(await readJson());
    const r = await requestRoleChange(getPrisma(), { actorId: user.id, userId: params.id, toRole });
    return Response.json(r, { status: r.status === "pending" ? 202 : 200 });
  },
  { maxBodyBytes: COMMAND_BODY_BYTES },
);
