import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { can, type TPermission } from "@/lib/access/permissions";
import { getCurrentUser, type TCurrentUser } from "@/lib/auth/current-user";
import { MFA_ENROL_PATH, mustEnrolMfa } from "@/lib/auth/mfa-policy";
import { serverEnv } from "@/lib/config/env";
import { databaseFault } from "@/lib/db/database-fault";
import { AppError, type TErrorCode } from "@/lib/errors";
import { NO_BODY_BYTES } from "./body-limits";
import { DATABASE_FAULT_ANSWER } from "./database-fault-answer";
import { assertNoNulInQuery } from "./query";
import { assertDeclaredLength, readJsonBody } from "./read-body";
import { requestIdOf } from "./request-id";
import { assertSameOrigin } from "./same-origin";

const STATUS: Record<TErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
  sign_in_busy: 503,
  ledger_untrusted: 503,
  database_unavailable: 503,
  storage_full: 503,
};

export type TApiContext<P> = {
  user: TCurrentUser;
  request: Request;
  params: P;
  requestId: string;
  /** The JSON body, read with the route's byte cap (413 over it, 400 when it is not JSON). */
  readJson: () => Promise<unknown>;
};

export type TApiOptions = {
  /** The most bytes of body this route reads (lib/http/body-limits.ts); none by default. */
  maxBodyBytes?: number;
};

export function errorResponse(error: unknown, requestId: string): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details, requestId } },
      {
        status: STATUS[error.code],
        headers: error.retryAfterSeconds === undefined ? undefined : { "retry-after": String(error.retryAfterSeconds) },
      },
    );
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return NextResponse.json(
      { error: { code: "unprocessable", message: "The request is invalid.", details, requestId } },
      { status: 422 },
    );
  }
  const fault = databaseFault(error);
  if (fault) {
    const answer = DATABASE_FAULT_ANSWER[fault];
    // The fault's name only: a driver's message may quote the statement or its values.
    console.warn(`[api] request ${requestId} refused: ${answer.log}`);
    return NextResponse.json(
      { error: { code: answer.code, message: answer.message, requestId } },
      { status: 503, headers: { "retry-after": String(answer.retryAfterSeconds) } },
    );
  }
  // Unexpected: log the request id and error name only (messages may carry data), answer 500.
  console.error(
    `[api] request ${requestId} failed: ${error instanceof Error ? error.name : typeof error}`,
    // The stack's first line is "Name: message": only the frames after it.
    error instanceof Error ? (error.stack?.split("\n").slice(1, 3).join(" | ") ?? "") : "",
  );
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side.", requestId } },
    { status: 500 },
  );
}

/**
 * Wrap a route handler: refuse a body its Content-Length declares over the route's cap (413 JSON,
 * before anything else), a cross-site mutation (403 JSON), authenticate (401 JSON), check one
 * permission (403 JSON), run the handler, and map every error to a JSON response in one place.
 */
export function handleApi<P = Record<string, string>>(
  permission: TPermission,
  handler: (ctx: TApiContext<P>) => Promise<Response | unknown>,
  { maxBodyBytes = NO_BODY_BYTES }: TApiOptions = {},
) {
  return async (request: Request, route: { params: Promise<P> }) => {
    const requestId = requestIdOf(request.headers);
    try {
      assertDeclaredLength(request, maxBodyBytes);
      assertSameOrigin(request, serverEnv().NEXTAUTH_URL);
      assertNoNulInQuery(request);
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthorized", "Sign in to use this API.");
      if (user.mustChangePassword)
        throw new AppError("forbidden", "You signed in with a one-time password: choose your own at /password first.");
      if (mustEnrolMfa(user))
        throw new AppError(
          "forbidden",
          `Your role requires multi-factor authentication: enrol at ${MFA_ENROL_PATH} first.`,
        );
      if (!can(user.role, permission))
        throw new AppError("forbidden", `Your role may not use this API (needs ${permission}).`);
      const readJson = () => readJsonBody(request, maxBodyBytes);
      const result = await handler({ user, request, params: await route.params, requestId, readJson });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
