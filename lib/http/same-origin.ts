import "server-only";
import { AppError } from "@/lib/errors";

// A cookie-authenticated JSON API is open to cross-site request forgery: a page elsewhere can make
// the user's browser POST with the session cookie. SameSite=Lax keeps the cookie off most of those,
// and browsers send Origin on every cross-origin POST, so a mutation whose Origin is not this app
// is refused. A request without Origin is not from a browser form or fetch (curl, an auditor's
// tooling) and goes through; it still needs the session.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Throws 403 when a mutating request names an Origin other than the app's own. */
export function assertSameOrigin(request: Request, publicUrl?: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const allowed = new Set([new URL(request.url).origin]);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  // Behind a proxy the app sees its internal address; the browser saw the public host.
  const forwardedHost = request.headers.get("x-forwarded-host");
  const forwardedProto = request.headers.get("x-forwarded-proto") ?? "https";
  if (forwardedHost) allowed.add(`${forwardedProto}://${forwardedHost}`);
  if (!allowed.has(origin))
    throw new AppError("forbidden", "This request came from another site (Origin header) and was refused.");
}
