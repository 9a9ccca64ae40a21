import { resetPassword } from "@/lib/admin/reset-password";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";

export const dynamic = "force-dynamic";

/** Replace the password with a one-time password, returned in this response only. */
export const POST = handleApi<{ id: string }>("users.manage", async ({ user, params }) => {
  const r = await resetPassword(getPrisma(), { actorId: user.id, userId: params.id });
  return Response.json(r, { headers: { "cache-control": "no-store" } });
});
