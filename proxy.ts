import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/config/env";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { newNonce, pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/http/page-security-headers";

/**
 * A fresh CSP nonce for each page request. The CSP goes on the request too: Next reads the nonce
 * from it while rendering and puts it on its own scripts, which is also why every page renders
 * per request (app/layout.tsx). API routes and static files do not come here (see the matcher):
 * they run no script, and next.config.js gives API routes a CSP that allows nothing.
 */
export function proxy(request: NextRequest) {
  const csp = pageContentSecurityPolicy(newNonce(), { dev: runtimeEnv().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  const hsts = strictTransportSecurity(serverEnv().NEXTAUTH_URL);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Everything but API routes (which read their own bounded bodies), the well-known key, and
  // Next's static files. Server actions are POSTs to page URLs and do come here.
  matcher: ["/((?!api/|\\.well-known/|_next/static/|_next/image|favicon\\.ico).*)"],
};
