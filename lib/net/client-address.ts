import net from "node:net";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { parseTrustedProxies, type TTrustedProxies } from "@/lib/config/trusted-proxies";
import { normalizeAddress, PEER_ADDRESS_HEADER } from "./peer-address";

type THeaders = { get(name: string): string | null };

let cached: { value: string | undefined; proxies: TTrustedProxies } | undefined;

function configuredProxies(): TTrustedProxies {
  const value = runtimeEnv().HL_TRUSTED_PROXIES;
  if (cached && cached.value === value) return cached.proxies;
  const proxies = parseTrustedProxies(value);
  cached = { value, proxies };
  return proxies;
}

function isTrusted(address: string, proxies: TTrustedProxies): boolean {
  const family = net.isIP(address);
  return family !== 0 && proxies.list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address, for rate limits and access events: the socket peer our server recorded,
 * unless that peer is a trusted proxy (HL_TRUSTED_PROXIES); then X-Forwarded-For is read from the
 * right, skipping trusted proxies, and the first hop that is not one is the client (hops further
 * left were written by whoever sent the request and prove nothing). Null when the request did not
 * come through our server (no peer header): such requests share one "unknown" rate-limit bucket.
 */
export function clientAddress(headers: THeaders, proxies: TTrustedProxies = configuredProxies()): string | null {
  const peer = headers.get(PEER_ADDRESS_HEADER);
  if (!peer || net.isIP(peer) === 0) return null;
  if (!isTrusted(peer, proxies)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => normalizeAddress(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (net.isIP(hops[i]) === 0) return peer; // garbage from beyond the proxies: the proxy is all we know
    if (!isTrusted(hops[i], proxies)) return hops[i];
  }
  return hops[0] ?? peer;
}
