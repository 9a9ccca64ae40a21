import { z } from "zod";
import { setUserDisabled } from "@/lib/admin/set-user-disabled";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { COMMAND_BODY_BYTES } from "@/lib/http/body-limits";

export const dynamic = "force-dynamic";
const ZBody = z.object({ disabled: z.boolean() });

/** Disable ({"disabled": true}) or re-enable an account. */
export const POST = handleApi<{ id: string }>(
  "users.manage",
  async ({ user, params, readJson }) => {
    const { disabled } = ZBody.parse(await readJson());
    return setUserDisabled(getPrisma(), { actorId: user.id, userId: params.id, disabled });
  },
  { maxBodyBytes: COMMAND_BODY_BYTES },
);
