import { requestAccountReset } from "@/lib/admin/request-account-reset";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";

export const dynamic = "force-dynamic";

/** Ask for the account's two-step sign-in to be removed; applies when another admin approves (202). */
export const POST = handleApi<{ id: string }>("users.manage", async ({ user, params }) => {
  const r = await requestAccountReset(getPrisma(), { actorId: user.id, userId: params.id, kind: "MFA" });
  return Response.json(r, { status: 202 });
});
