import { beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from "@/lib/auth/rate-limit";
import { SIGN_IN_BUSY_MESSAGE } from "@/lib/auth/sign-in";
import { PEER_ADDRESS_HEADER } from "@/lib/net/peer-address";
import { createTestDatabase } from "@/test/db";
import { limitSignIn } from "./limit-sign-in";

// The refusals a sign-in can meet before or instead of a password check, told apart the way the
// login form and the load benchmark tell them apart: 429 with the limit that was met, 503 when
// every password-check slot was taken (and then the attempt is not counted), and next-auth's own
// 401 for wrong credentials, which is counted.
beforeAll(async () => {
  await createTestDatabase();
});

const attempt = (email: string, address: string) =>
  new Request("http://hl.test/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", [PEER_ADDRESS_HEADER]: address },
    body: new URLSearchParams({ email, password: "whatever", json: "true" }),
  });

/** next-auth's answer to a credentials callback whose authorize threw `message`. */
const nextAuthFailure = (message: string) => async () =>
  Response.json({ url: `http://hl.test/api/auth/error?error=${encodeURIComponent(message)}` }, { status: 401 });

type TBody = { url: string; error?: { code: string; message: string; scope?: string; retryAfterSeconds: number } };

describe("limitSignIn's refusals", () => {
  it("answers a sign-in the password-check bound refused with 503 sign_in_busy, and does not count it", async () => {
    const busy = nextAuthFailure(SIGN_IN_BUSY_MESSAGE);
    // Far past both limits: were busy refusals counted, the account would meet its limit at 11.
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.limit * 3; i++) {
      const res = await limitSignIn(attempt("busy@hl.test", "198.51.100.10"), busy);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const body = (await res.json()) as TBody;
      expect(body.error).toMatchObject({ code: "sign_in_busy", message: SIGN_IN_BUSY_MESSAGE });
      // The login form shows what signIn() finds in `url`.
      expect(new URL(body.url).searchParams.get("error")).toBe(SIGN_IN_BUSY_MESSAGE);
    }
    // The account's attempts are all still there for a real check.
    const wrong = nextAuthFailure("Invalid email or password.");
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.limit; i++)
      expect((await limitSignIn(attempt("busy@hl.test", "198.51.100.10"), wrong)).status).toBe(401);
  });

  it("says which limit a 429 met: the account's, then the address's", async () => {
    const wrong = nextAuthFailure("Invalid email or password.");
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.limit; i++)
      statuses.push((await limitSignIn(attempt("guessed@hl.test", "198.51.100.20"), wrong)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const byAccount = await limitSignIn(attempt("guessed@hl.test", "198.51.100.21"), wrong);
    expect(byAccount.status).toBe(429);
    expect(((await byAccount.json()) as TBody).error).toMatchObject({ code: "rate_limited", scope: "account" });

    // One address trying many accounts: each account stays under its limit, the address does not.
    const address = "198.51.100.30";
    for (let i = 0; i < SIGN_IN_PER_ADDRESS.limit; i++)
      expect((await limitSignIn(attempt(`spray-${i}@hl.test`, address), wrong)).status).toBe(401);
    const byAddress = await limitSignIn(attempt("spray-new@hl.test", address), wrong);
    expect(byAddress.status).toBe(429);
    const body = (await byAddress.json()) as TBody;
    expect(body.error).toMatchObject({ code: "rate_limited", scope: "address" });
    expect(Number(byAddress.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not held back by this one's attempts.
    expect((await limitSignIn(attempt("spray-new@hl.test", "198.51.100.31"), wrong)).status).toBe(401);
  });
});
