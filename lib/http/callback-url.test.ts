import { describe, expect, it } from "vitest";
import { refuseBadCallbackUrl } from "./callback-url";

// next-auth answered 500 ("a problem with the server configuration") for a callbackUrl it could
// not parse, in the query or in its cookie; found by e2e/api-fuzz.spec.ts with ?callbackUrl=%00.
const route = () => import("@/app/api/auth/[...nextauth]/route");
const context = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });

async function expectRefused(res: Response) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error).toMatchObject({ code: "bad_request", message: expect.stringMatching(/callbackUrl/) });
}

describe("the sign-in routes and a callbackUrl next-auth cannot parse", () => {
  it("refuse one in the query with 400, on GET and POST", async () => {
    const { GET, POST } = await route();
    for (const bad of ["%00", "x", "javascript:alert(1)", "%20"]) {
      await expectRefused(
        await GET(new Request(`http://hl.test/api/auth/providers?callbackUrl=${bad}`), context("providers")),
      );
      const post = new Request(`http://hl.test/api/auth/callback/credentials?callbackUrl=${bad}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "email=a%40b.test&password=x",
      });
      await expectRefused(await POST(post, context("callback", "credentials")));
    }
  });

  it("refuse a bad one repeated after a good one, since next-auth reads the last (found by the fuzz spec)", async () => {
    const { GET, POST } = await route();
    await expectRefused(
      await GET(new Request("http://hl.test/api/auth/providers?callbackUrl=&callbackUrl=%00"), context("providers")),
    );
    const post = new Request("http://hl.test/api/auth/callback/credentials?callbackUrl=%2F&callbackUrl=%00", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.test", password: "x", json: "true" }),
    });
    await expectRefused(await POST(post, context("callback", "credentials")));
  });

  it("refuse one in a JSON or form body, which next-auth prefers to the query, and one that is not a string", async () => {
    const { POST } = await route();
    const bodies: [string, string][] = [
      ["application/json", JSON.stringify({ email: "a@b.test", password: "x", callbackUrl: "x" })],
      ["application/json", JSON.stringify({ email: "a@b.test", password: "x", callbackUrl: 5 })],
      ["application/json", JSON.stringify({ email: "a@b.test", password: "x", callbackUrl: ["/"] })],
      ["application/x-www-form-urlencoded", "email=a%40b.test&password=x&callbackUrl=javascript%3Aalert(1)"],
    ];
    for (const [type, body] of bodies) {
      const post = new Request("http://hl.test/api/auth/callback/credentials?callbackUrl=%2F", {
        method: "POST",
        headers: { "content-type": type },
        body,
      });
      await expectRefused(await POST(post, context("callback", "credentials")));
    }
  });

  it("refuse one in the callback-url cookie with 400", async () => {
    const { GET } = await route();
    const req = new Request("http://hl.test/api/auth/providers", { headers: { cookie: "next-auth.callback-url=%00" } });
    await expectRefused(await GET(req, context("providers")));
  });

  it("let a path on this site and an http(s) URL through to next-auth", () => {
    for (const ok of ["%2Frecords", "http%3A%2F%2Fhl.test%2Fme", ""]) {
      const req = new Request(`http://hl.test/api/auth/providers?callbackUrl=${ok}`, {
        headers: { cookie: "next-auth.callback-url=%2Fme" },
      });
      expect(refuseBadCallbackUrl(req)).toBeNull();
      expect(refuseBadCallbackUrl(req, "/me")).toBeNull();
    }
  });
});
