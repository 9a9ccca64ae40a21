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
import { SIGN_IN_BUSY_MESSAGE } from "@/lib/auth/sign-in";
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
 * in, or when no password was checked because every password-check slot was taken (then the answer
 * is 503 sign_in_busy with Retry-After: a burst of sign-ins is no guessing, and counting it locked
 * each account of the load benchmark out after ten refusals). Both refusals carry `url` with the
 * message as `error`, which is how next-auth's client signIn() reports a failure to the login form;
 * a 429 says which limit (`scope`: account or address), so a person behind a shared address knows
 * it is not their account.
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
    const scope = decision.limit === SIGN_IN_PER_ADDRESS ? "address" : "account";
    return refusal(request, 429, {
      code: "rate_limited",
      message,
      scope,
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
  const response = await next(capped);
  const outcome = await callbackOutcome(response);
  if (outcome.signedIn) await refundRateLimits(getPrisma(), checks);
  else if (outcome.error === SIGN_IN_BUSY_MESSAGE) {
    await refundRateLimits(getPrisma(), checks);
    return refusal(request, 503, {
      code: "sign_in_busy",
      message: SIGN_IN_BUSY_MESSAGE,
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    });
  }
  return response;
}

/** Long enough for the queue of password checks ahead to drain (each takes a few hundred ms). */
const BUSY_RETRY_AFTER_SECONDS = 5;

function refusal(
  request: Request,
  status: 429 | 503,
  error: { code: "rate_limited" | "sign_in_busy"; message: string; retryAfterSeconds: number; scope?: string },
): Response {
  const url = new URL(`/login?error=${encodeURIComponent(error.message)}`, request.url).toString();
  return NextResponse.json(
    { url, error },
    { status, headers: { "Retry-After": String(error.retryAfterSeconds), "cache-control": "no-store" } },
  );
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
 * client sends) or as a redirect; a failure's URL carries `error` (the message authorize threw).
 */
async function callbackOutcome(response: Response): Promise<{ signedIn: boolean; error: string | null }> {
  let url = response.headers.get("location");
  if (!url) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { url?: unknown } | null;
    url = typeof body?.url === "string" ? body.url : null;
  }
  const error = url === null ? null : new URL(url, "http://localhost").searchParams.get("error");
  return { signedIn: response.status < 400 && url !== null && error === null, error };
}
