import { getPrisma } from "@/lib/db/prisma";
import { handleApi } from "@/lib/http/handle-api";
import { issueErasureCertificate } from "@/lib/vault/issue-erasure-certificate";

export const dynamic = "force-dynamic";

/** The signed erasure certificate of an approved request (canonical JSON + Ed25519, with inclusion proof). */
export const GET = handleApi<{ id: string }>("erasure.decide", async ({ params }) => {
  if (!/^[0-9a-f-]{36}$/i.test(params.id))
    return Response.json({ error: { code: "not_found", message: "No such erasure request." } }, { status: 404 });
  const cert = await issueErasureCertificate(getPrisma(), { requestId: params.id });
  return new Response(JSON.stringify(cert, null, 2), {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="erasure-certificate-${params.id}.json"`,
      "cache-control": "no-store",
    },
  });
});
