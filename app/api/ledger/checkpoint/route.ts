import { handleApi } from "@/lib/http/handle-api";
import { getCheckpoint } from "@/lib/ledger/proofs/get-checkpoint";

export const dynamic = "force-dynamic";

/** The latest checkpoint as a C2SP signed note (text/plain), like a tlog-tiles /checkpoint. */
export const GET = handleApi("ledger.read", async () => {
  const head = await getCheckpoint();
  return new Response(head.checkpoint, {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
});
