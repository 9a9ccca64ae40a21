import { describe, expect, it } from "vitest";
import { parseTrustedProxies } from "@/lib/config/trusted-proxies";
import { clientAddress } from "./client-address";
import { PEER_ADDRESS_HEADER } from "./peer-address";

const headers = (h: Record<string, string>) => new Headers(h);
const none = parseTrustedProxies(undefined);
const lb = parseTrustedProxies("10.0.0.0/8, 192.0.2.10, fd00::/8");

describe("clientAddress", () => {
  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const h = headers({ [PEER_ADDRESS_HEADER]: "198.51.100.23", "x-forwarded-for": "1.2.3.4" });
    expect(clientAddress(h, none)).toBe("198.51.100.23");
    expect(clientAddress(h, lb)).toBe("198.51.100.23");
  });

  it("behind trusted proxies, is the rightmost hop that is not one of them", () => {
    // The client forged the first hop; the load balancer appended the address it really saw.
    const h = headers({ [PEER_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": "6.6.6.6, 203.0.113.9, 192.0.2.10" });
    expect(clientAddress(h, lb)).toBe("203.0.113.9");
    const v6 = headers({ [PEER_ADDRESS_HEADER]: "fd00::1", "x-forwarded-for": "2001:db8::7" });
    expect(clientAddress(v6, lb)).toBe("2001:db8::7");
    const mapped = headers({ [PEER_ADDRESS_HEADER]: "10.1.2.3", "x-forwarded-for": "::ffff:203.0.113.4" });
    expect(clientAddress(mapped, lb)).toBe("203.0.113.4");
  });

  it("falls back to the proxy when its header is missing or holds no address", () => {
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.5" }), lb)).toBe("10.0.0.5");
    const junk = headers({ [PEER_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": "<script>, 10.0.0.9" });
    expect(clientAddress(junk, lb)).toBe("10.0.0.5");
  });

  it("is unknown (null) for a request that did not come through our server", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4" }), none)).toBeNull();
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "not an address" }), none)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("refuses what is neither an IP nor a CIDR block", () => {
    for (const bad of ["10.0.0.0/33", "example.com", "10.0.0.1/8/2", "fd00::/129", "10.0.0.0/x"])
      expect(() => parseTrustedProxies(bad)).toThrow(/not an IP|prefix length/);
    expect(parseTrustedProxies(" , ").empty).toBe(true);
  });
});
