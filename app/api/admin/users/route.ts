import { createUser, ZCreateUser } from "@/lib/admin/create-user";
import { listUsers, ZUserFilter } from "@/lib/admin/list-users";
import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { CREATE_USER_BODY_BYTES } from "@/lib/http/body-limits";

export const dynamic = "force-dynamic";

/** Staff accounts, filtered by ?q=, ?role=, ?status=active|locked|disabled. */
export const GET = handleApi("users.read", async ({ request }) => {
  const filter = ZUserFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { users: await listUsers(getPrisma(), filter) };
});

/** Create a staff account; the one-time password is in this response only. */
export const POST = handleApi(
  "users.manage",
  async ({ user, readJson }) => {
    const input = ZCreateUser.parse(await readJson());
    const created = await createUser(getPrisma(), { actorId: user.id, user: input });
    return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
  },
  { maxBodyBytes: CREATE_USER_BODY_BYTES },
);
