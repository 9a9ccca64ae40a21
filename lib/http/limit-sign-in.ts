import "server-only";
import { NextRequest, NextResponse } from "next/server";
import { getPrisma } from "@/lib/db/prisma";
import {
  refundRateLimits,
  retryMessage,
  SIGN_IN_PER_ACCOUNT,
  SIGN_IN_PER_ADDRESS,
  takeRateLimits,
} from "@/lib/auth/rate-limit";
import { SIGN_IN_BODY_BYTES } from "./body-limits";
import { refuseBadCallbackUrl } from "./callback-url";
import { errorResponse } from "./handle-api";
import { parseJsonBytes, readBodyBytes } from "./read-body";
import { requestContext } from "./request-context";
import { requestIdOf } from "./request-id";

type THandler = (request: Request) => Promise<Response>;

/**
 * Around next-auth's POST routes: read the body once, capped (413 over SIGN_IN_BODY_BYTES), and hand
 * next-auth a copy of exactly those bytes, since a body it read on its own would be unbounded. On the
 * credentials callback, count the attempt per account and per client address and answer 429 with
 * Retry-After over the limit, before any password is checked; give the attempt back when it signed
 * in. The 429 body carries `url` with the message as `error`, which is how next-auth's client
 * signIn() reports a failure to the login form.
 */
export async function limitSignIn(request: Request, next: THandler): Promise<Response> {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBodyBytes(request, SIGN_IN_BODY_BYTES);
    // next-auth parses a JSON body itself and answers 500 when it is not JSON: a 400 here, first.
    if (isJson(request)) parseJsonBytes(body);
  } catch (error) {
    return errorResponse(error, requestIdOf(request.headers));
  }
  const refused = refuseBadCallbackUrl(request, fieldOf(request, body, "callbackUrl"));
  if (refused) return refused;
  const capped = new NextRequest(request.url, { method: request.method, headers: request.headers, body });
  if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return next(capped);
  const checks = [
    { limit: SIGN_IN_PER_ACCOUNT, subject: emailOf(request, body) },
    { limit: SIGN_IN_PER_ADDRESS, subject: requestContext(request).network ?? "unknown" },
  ];
  const decision = await takeRateLimits(getPrisma(), checks);
  if (!decision.allowed) {
    const message = retryMessage(decision.retryAfterSeconds);
    const url = new URL(`/login?error=${encodeURIComponent(message)}`, request.url).toString();
    return NextResponse.json(
      { url, error: { code: "rate_limited", message, retryAfterSeconds: decision.retryAfterSeconds } },
      { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds) } },
    );
  }
  const response = await next(capped);
  if (await signedIn(response)) await refundRateLimits(getPrisma(), checks);
  return response;
}

/** next-auth's test for a JSON body (next-auth/next/utils.js getBody). */
function isJson(request: Request): boolean {
  return request.headers.get("content-type")?.includes("application/json") ?? false;
}

/** A field of the body as next-auth will read it (JSON, or a form whose last repeat wins); any JSON value. */
function fieldOf(request: Request, body: Uint8Array, name: string): unknown {
  const text = new TextDecoder().decode(body);
  if (isJson(request)) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown> | null;
      return parsed !== null && typeof parsed === "object" ? parsed[name] : undefined;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(text).getAll(name).at(-1);
}

/** The email the attempt names, as next-auth will read it. */
function emailOf(request: Request, body: Uint8Array): string {
  const email = fieldOf(request, body, "email");
  return String(email ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 254);
}

/**
 * next-auth answers a credentials callback with the URL to go to, as JSON (`json=true`, what its
 * client sends) or as a redirect; a failure's URL carries `error`.
 */
async function signedIn(response: Response): Promise<boolean> {
  if (response.status >= 400) return false;
  let url = response.headers.get("location");
  if (!url) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { url?: unknown } | null;
    url = typeof body?.url === "string" ? body.url : null;
  }
  return url !== null && !new URL(url, "http://localhost").searchParams.has("error");
}
