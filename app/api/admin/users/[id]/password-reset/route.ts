import { resetPassword } from "@/lib/admin/reset-password";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";

export const dynamic = "force-dynamic";

/**
 * A new one-time password, returned in this response only (200); for an account that sees
 * patient data, a request that another admin approves (202 with the request's id).
 */
export const POST = handleApi<{ id: string }>("users.manage", async ({ user, params }) => {
  const r = await resetPassword(getPrisma(), { actorId: user.id, userId: params.id });
  return Response.json(r, { status: r.status === "pending" ? 202 : 200, headers: { "cache-control": "no-store" } });
});
