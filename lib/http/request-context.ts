import "server-only";
import { clientAddress } from "@/lib/net/client-address";

type THeaders = { get(name: string): string | null };

/**
 * Network address and user agent for access events and rate limits: the client as our server saw
 * it, or as a trusted proxy reports it (lib/net/client-address.ts); never a header taken on trust.
 * Takes a Request (route handlers) or the headers of a server action (`await headers()`).
 */
export function requestContext(source: Request | THeaders): { network: string | null; userAgent: string | null } {
  const headers = source instanceof Request ? source.headers : source;
  return {
    network: clientAddress(headers),
    userAgent: headers.get("user-agent")?.slice(0, 300) ?? null,
  };
}
