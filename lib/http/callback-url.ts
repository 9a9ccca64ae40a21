import "server-only";
import { authCookies } from "@/lib/auth/auth-cookies";
import { serverEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./handle-api";
import { requestIdOf } from "./request-id";

// next-auth answers a callbackUrl (in a POST body, the query, or its callback-url cookie) that is
// neither a path nor an http(s) URL with a 500 "problem with the server configuration", and writes
// the value to the log. A client's typo is no server fault, and its text has no place in the log:
// such a request is refused here first, with 400, by next-auth's own rule. The query is read with
// every repeat of the parameter, since next-auth keeps the last one.

/** A path on this site, or an absolute http(s) URL (next-auth then keeps only its own site's). */
function isHttpUrl(url: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const raw = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * A 400 JSON response for a callbackUrl next-auth would fail on, or null to let the request through.
 * `fromBody` is the body's callbackUrl field as parsed (any JSON value), for POST routes.
 */
export function refuseBadCallbackUrl(request: Request, fromBody?: unknown): Response | null {
  const url = new URL(request.url);
  const sent: unknown[] = [
    fromBody,
    ...url.searchParams.getAll("callbackUrl"),
    cookieValue(request, authCookies(serverEnv().NEXTAUTH_URL).callbackUrl.name),
  ];
  const fine = (value: unknown) =>
    value == null || value === "" || (typeof value === "string" && isHttpUrl(value, url.origin));
  if (sent.every(fine)) return null;
  const error = new AppError("bad_request", "callbackUrl must be a path on this site or an http(s) URL.");
  return errorResponse(error, requestIdOf(request.headers));
}
