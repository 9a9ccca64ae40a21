import { beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_PER_ADDRESS, takeRateLimits } from "@/lib/auth/rate-limit";
import { PEER_ADDRESS_HEADER } from "@/lib/net/peer-address";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { requestContext } from "./request-context";

let db: TTestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});

// A client that invents a new X-Forwarded-For for every attempt must still be counted as the one
// address it is: with no trusted proxy configured, that is the socket peer our server recorded.
describe("the per-address sign-in limit", () => {
  it("gives a client with a forged X-Forwarded-For no fresh bucket", async () => {
    const now = new Date("2026-12-03T09:00:00Z");
    const decisions = [];
    for (let i = 0; i <= SIGN_IN_PER_ADDRESS.limit; i++) {
      const request = new Request("http://hl.test/api/auth/callback/credentials", {
        method: "POST",
        headers: { [PEER_ADDRESS_HEADER]: "198.51.100.77", "x-forwarded-for": `203.0.113.${i % 250}, 10.9.${i}.1` },
      });
      const { network } = requestContext(request);
      expect(network).toBe("198.51.100.77");
      decisions.push(await takeRateLimits(db.prisma, [{ limit: SIGN_IN_PER_ADDRESS, subject: network ?? "" }], now));
    }
    expect(decisions.filter((d) => d.allowed)).toHaveLength(SIGN_IN_PER_ADDRESS.limit);
    expect(decisions.at(-1)).toMatchObject({ allowed: false });
  });
});
