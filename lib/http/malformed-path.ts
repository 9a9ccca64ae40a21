import type { IncomingMessage, ServerResponse } from "node:http";

// Next.js answers a path whose percent-encoding does not decode ("/api/ledger/blocks/%ZZ", an
// encoded lone surrogate) with a bare 500 before any route runs. A path with a dot segment
// ("..", "%2e%2e") names another route than the one it seems to: browsers and URL parsers
// resolve it before sending (RFC 3986 §5.2.4, WHATWG URL), so only a hand-made request carries
// one. Both are the client's mistake: the server in scripts/serve.ts refuses such a request first
// with the API's 400 error body, rather than guess which route was meant.

const segmentsOf = (url: string) => url.split(/[?#]/, 1)[0].split("/");

/** True when every segment of the URL's path decodes as percent-encoded UTF-8. */
export function pathDecodes(url: string): boolean {
  try {
    for (const segment of segmentsOf(url)) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** True when a segment of the URL's path is "." or "..", written plainly or percent-encoded. */
export function hasDotSegment(url: string): boolean {
  return segmentsOf(url).some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/** Answer 400 and return true when the request's path is malformed; false lets it through. */
export function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  const message = !pathDecodes(url)
    ? "The URL's path is not valid percent-encoded UTF-8."
    : hasDotSegment(url)
      ? "The URL's path has a '.' or '..' segment: resolve it before sending the request."
      : null;
  if (message === null) return false;
  res.writeHead(400, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error: { code: "bad_request", message } }));
  return true;
}
