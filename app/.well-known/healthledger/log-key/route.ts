import { bytesToBase64 } from "@/lib/ledger/tlog/encoding";
import { getLogKeys } from "@/lib/ledger/log-keys";

export const dynamic = "force-dynamic";

/**
 * The log's public key, unauthenticated on purpose: witnesses and regulators need it to check
 * checkpoints without trusting anything else we serve. `?format=vkey` gives the bare C2SP
 * verifier key string.
 */
export async function GET(request: Request) {
  const keys = getLogKeys();
  if (new URL(request.url).searchParams.get("format") === "vkey") {
    return new Response(`${keys.verifierKey}\n`, { headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  return Response.json({
    origin: keys.origin,
    algorithm: "Ed25519",
    verifierKey: keys.verifierKey,
    publicKey: bytesToBase64(keys.verifier.publicKey),
    keyId: keys.verifier.keyId.toString(16).padStart(8, "0"),
  });
}
