import NextAuth from "next-auth";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it } from "vitest";
import { reloadServerEnv } from "@/lib/config/env";
import { authOptions } from "./auth-options";

// next-auth's own request handler, given the options the app uses, for a public URL over https and
// over plain http: which cookies it sets, and whether it reads the session back from them.

const ORIGINAL_URL = process.env.NEXTAUTH_URL;

afterEach(() => {
  if (ORIGINAL_URL === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = ORIGINAL_URL;
  reloadServerEnv();
});

function servedAt(publicUrl: string) {
  process.env.NEXTAUTH_URL = publicUrl;
  reloadServerEnv();
}

/**
 * One request through next-auth's API-route handler, as Next hands it over (parsed query and
 * cookies, a response with Next's helpers); returns the Set-Cookie lines and the body.
 */
async function call(action: string, cookies: Record<string, string> = {}) {
  const headers: Record<string, string | string[]> = {};
  let body: unknown;
  const res = {
    getHeader: (k: string) => headers[k],
    setHeader: (k: string, v: string | string[]) => void (headers[k] = v),
    status: () => res,
    send: (b: unknown) => void (body = b),
    json: (b: unknown) => void (body = b),
    end: () => undefined,
  };
  const req = { method: "GET", query: { nextauth: [action] }, headers: {}, cookies, body: undefined };
  // @ts-expect-error: the Pages-router signature takes Next's request and response objects.
  await NextAuth(req, res, authOptions);
  const setCookie = headers["Set-Cookie"] ?? [];
  return {
    setCookies: Array.isArray(setCookie) ? setCookie : [setCookie],
    body: body as { user?: { email?: string } },
  };
}

async function sessionToken() {
  return encode({
    secret: process.env.NEXTAUTH_SECRET!,
    token: { uid: "u-1", role: "AUDITOR", sv: 1, authAt: Date.now(), email: "a@example.test", name: "A" },
  });
}

describe("auth cookies", () => {
  it("over https: __Host- names, Secure, HttpOnly, SameSite=Lax, and the session is read back from them", async () => {
    servedAt("https://healthledger.example");
    // The CSRF token and the callback URL.
    const { setCookies } = await call("csrf");
    expect(setCookies.map((c) => c.split("=")[0]).sort()).toEqual([
      "__Host-next-auth.callback-url",
      "__Host-next-auth.csrf-token",
    ]);
    for (const c of setCookies) {
      expect(c).toMatch(/; Path=\/;/);
      expect(c).toMatch(/; HttpOnly/);
      expect(c).toMatch(/; Secure/);
      expect(c).toMatch(/; SameSite=Lax/);
      expect(c).not.toMatch(/Domain=/i);
    }

    const token = await sessionToken();
    const session = await call("session", { "__Host-next-auth.session-token": token });
    expect(session.body.user?.email).toBe("a@example.test");
    // A refreshed session cookie keeps the prefix and the Secure flag.
    expect(session.setCookies.join("\n")).toMatch(/^__Host-next-auth\.session-token=.*; Secure/m);
    // The unprefixed name is not read: a cookie planted over http or by a sibling subdomain is ignored.
    expect((await call("session", { "next-auth.session-token": token })).body.user).toBeUndefined();
  });

  it("over plain http (local demo, browser tests): unprefixed names without Secure, and sessions work", async () => {
    servedAt("http://localhost:3000");
    const { setCookies } = await call("csrf");
    expect(setCookies.map((c) => c.split("=")[0]).sort()).toEqual(["next-auth.callback-url", "next-auth.csrf-token"]);
    for (const c of setCookies) {
      expect(c).toMatch(/; HttpOnly/);
      expect(c).not.toMatch(/; Secure/);
    }

    const session = await call("session", { "next-auth.session-token": await sessionToken() });
    expect(session.body.user?.email).toBe("a@example.test");
    expect(session.setCookies.join("\n")).toMatch(/^next-auth\.session-token=/m);
  });
});
