import { z } from "zod";
import { setUserDisabled } from "@/lib/admin/set-user-disabled";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";
const ZBody = z.object({ disabled: z.boolean() });

/** Disable ({"disabled": true}) or re-enable an account. */
export const POST = handleApi<{ id: string }>("users.manage", async ({ user, params, request }) => {
  const { disabled } = ZBody.parse(await readJsonBody(request, 1024));
  return setUserDisabled(getPrisma(), { actorId: user.id, userId: params.id, disabled });
});
