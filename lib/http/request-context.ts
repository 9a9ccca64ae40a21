import "server-only";

/** Network address and user agent for access events (first X-Forwarded-For hop when proxied). */
export function requestContext(request: Request): { network: string | null; userAgent: string | null } {
  return {
    network: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
  };
}
