import { handleApi } from "@/lib/http/handle-api";
import { getLedgerReadPool } from "@/lib/ledger/ledger-read-pool";
import { getCheckpoint } from "@/lib/ledger/proofs/get-checkpoint";
import type { TCheckpointResponse } from "@/lib/ledger/proofs/ledger-api.types";

export const dynamic = "force-dynamic";

/** The latest checkpoint as a C2SP signed note (text/plain), like a tlog-tiles /checkpoint. */
export const GET = handleApi("ledger.read", async () => {
  const head = await getCheckpoint({ pool: getLedgerReadPool() });
  const note: TCheckpointResponse | null = head.checkpoint;
  return new Response(note, {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
});
