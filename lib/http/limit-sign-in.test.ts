import { describe, expect, it } from "vitest";
import { limitSignIn } from "./limit-sign-in";

// next-auth parses a JSON-typed body itself and answered 500 when it was not JSON; found by
// e2e/api-fuzz.spec.ts with bytes that are not UTF-8. The refusal comes before the attempt is
// counted, so it needs no database.
const post = (body: BodyInit) =>
  new Request("http://hl.test/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
const unreachable = async (): Promise<Response> => {
  throw new Error("next-auth must not see this request");
};

describe("limitSignIn and a body typed as JSON", () => {
  it("refuses one that is not UTF-8 JSON with 400, before next-auth reads it", async () => {
    for (const body of [new Uint8Array([0xff, 0xfe, 0xc3, 0x00]), "{", "email=a%40b.test", "{}{}"]) {
      const res = await limitSignIn(post(body), unreachable);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
  });
});
