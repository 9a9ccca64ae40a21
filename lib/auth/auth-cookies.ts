import type { CookieOption, CookiesOptions } from "next-auth";

// next-auth's cookies, named and flagged from the configured public URL (NEXTAUTH_URL), never
// from request headers a client can set. Over https every cookie is Secure and named __Host-:
// the browser then accepts it only from a secure origin, with Path=/ and no Domain, so neither a
// plain-http page on the same host nor a sibling subdomain can plant or overwrite a session
// (fixation) or a CSRF token. next-auth's default gives the session token only __Secure-, which
// still admits a Domain cookie from a subdomain. Over plain http (the local demo, the browser
// tests) the names carry no prefix and no Secure flag, or the browser would drop them.
// The OAuth-only cookies (PKCE, state, nonce) are left to next-auth: the app signs in with
// credentials only.

type TAuthCookies = Pick<CookiesOptions, "sessionToken" | "callbackUrl" | "csrfToken">;

export function isHttpsUrl(publicUrl: string | undefined): boolean {
  return publicUrl !== undefined && new URL(publicUrl).protocol === "https:";
}

export function authCookies(publicUrl: string | undefined): TAuthCookies {
  const secure = isHttpsUrl(publicUrl);
  const cookie = (name: string): CookieOption => ({
    name: `${secure ? "__Host-" : ""}next-auth.${name}`,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure },
  });
  return {
    sessionToken: cookie("session-token"),
    callbackUrl: cookie("callback-url"),
    csrfToken: cookie("csrf-token"),
  };
}
