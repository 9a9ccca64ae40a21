import { requestRoleChange, ZRoleChangeRequest } from "@/lib/admin/request-role-change";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";
const ZBody = ZRoleChangeRequest.pick({ toRole: true });

/** Change a role: 200 "applied", or 202 "pending" for a grant of ADMIN awaiting a second admin. */
export const POST = handleApi<{ id: string }>("users.manage", async ({ user, params, request }) => {
  const { toRole } = ZBody.parse(await readJsonBody(request, 1024));
  const r = await requestRoleChange(getPrisma(), { actorId: user.id, userId: params.id, toRole });
  return Response.json(r, { status: r.status === "pending" ? 202 : 200 });
});
