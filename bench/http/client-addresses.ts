// Client addresses for the load benchmark's connections, as a reverse proxy in front of the app
// reports them in X-Forwarded-For. They come from 198.18.0.0/15, which RFC 2544 sets aside for
// benchmarks: no host has one, and they are only ever header values here, never a destination (every
// request goes to the app on loopback). The app believes them because the benchmark's server lists
// its loopback peer in HL_TRUSTED_PROXIES (LOAD_TRUSTED_PROXIES), as a deployment lists its proxy.

/** What the benchmark's server trusts as its reverse proxy: the loopback address autocannon connects from. */
export const LOAD_TRUSTED_PROXIES = "127.0.0.1,::1";

/** The address of connection `i` (0-based): 198.18.0.1, 198.18.0.2, … one per connection, up to 131,070. */
export function clientAddressOf(i: number): string {
  const n = i + 1;
  if (!Number.isInteger(i) || i < 0 || n >= 2 ** 17 - 1) throw new Error(`no benchmark address for connection ${i}`);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}
