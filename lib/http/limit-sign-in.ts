import "server-only";
import { NextResponse } from "next/server";
import { getPrisma } from "@/lib/db/prisma";
import {
  refundRateLimits,
  retryMessage,
  SIGN_IN_PER_ACCOUNT,
  SIGN_IN_PER_ADDRESS,
  takeRateLimits,
} from "@/lib/auth/rate-limit";
import { requestContext } from "./request-context";

/** next-auth's credentials callback takes a small form; anything larger is not a sign-in. */
const MAX_SIGN_IN_BODY_BYTES = 8 * 1024;

type THandler = (request: Request) => Promise<Response>;

/**
 * Around next-auth's credentials callback: count the attempt per account and per client address
 * and answer 429 with Retry-After over the limit, before any password is checked; give the attempt
 * back when it signed in. The 429 body carries `url` with the message as `error`, which is how
 * next-auth's client signIn() reports a failure to the login form.
 */
export async function limitSignIn(request: Request, next: THandler): Promise<Response> {
  if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return next(request);
  const length = Number(request.headers.get("content-length") ?? "0");
  if (!Number.isFinite(length) || length > MAX_SIGN_IN_BODY_BYTES) {
    return NextResponse.json(
      { error: { code: "payload_too_large", message: "A sign-in request is at most 8 KB." } },
      { status: 413 },
    );
  }
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const email = String(form?.get("email") ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 254);
  const checks = [
    { limit: SIGN_IN_PER_ACCOUNT, subject: email },
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
  const response = await next(request);
  if (await signedIn(response)) await refundRateLimits(getPrisma(), checks);
  return response;
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
