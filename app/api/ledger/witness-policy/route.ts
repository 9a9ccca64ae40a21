import { handleApi } from "@/lib/http/handle-api";
import { witnessPolicyText } from "@/lib/ledger/witness/cosigned-checkpoint";

export const dynamic = "force-dynamic";

/** The C2SP tlog-policy (log key, witnesses, quorum) that a cosigned checkpoint is checked against. */
export const GET = handleApi("ledger.read", async () => {
  return new Response(witnessPolicyText(), {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
});
