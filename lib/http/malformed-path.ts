import type { IncomingMessage, ServerResponse } from "node:http";

// Next.js answers a path whose percent-encoding does not decode ("/api/ledger/blocks/%ZZ", an
// encoded lone surrogate) with a bare 500 before any route runs. It is the client's mistake: the
// server in scripts/serve.ts refuses such a request first with the API's 400 error body.

/** True when every segment of the URL's path decodes as percent-encoded UTF-8. */
export function pathDecodes(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0];
  try {
    for (const segment of path.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** Answer 400 and return true when the request's path does not decode; false lets it through. */
export function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  if (pathDecodes(req.url ?? "/")) return false;
  const error = { code: "bad_request", message: "The URL's path is not valid percent-encoded UTF-8." };
  res.writeHead(400, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error }));
  return true;
}
