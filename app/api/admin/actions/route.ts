import { z } from "zod";
import { listAdminActions } from "@/lib/admin/list-admin-actions";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";

export const dynamic = "force-dynamic";
const ZQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), user: z.uuid().optional() });

/** The history of admin actions, newest first, with ledger indexes once sealed. */
export const GET = handleApi("users.read", async ({ request }) => {
  const q = ZQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { actions: await listAdminActions(getPrisma(), { limit: q.limit, targetUserId: q.user }) };
});
