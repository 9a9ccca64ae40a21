import net from "node:net";

// HL_TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For the app believes, as IPs or CIDR
// blocks. Matching is node:net's BlockList (IPv4 and IPv6, an IPv4-mapped IPv6 address matches its
// IPv4 rule); here we only split each item into address and prefix length for it.

export type TTrustedProxies = { list: net.BlockList; empty: boolean };

/** The list as a BlockList; throws naming the first item that is neither an IP nor a CIDR block. */
export function parseTrustedProxies(value: string | undefined): TTrustedProxies {
  const list = new net.BlockList();
  const items = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    const [address, prefix, extra] = item.split("/");
    const family = net.isIP(address);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (family === 0 || extra !== undefined)
      throw new Error(`"${item.slice(0, 60)}" is not an IP address or CIDR block`);
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d{1,3}$/.test(prefix) || bits > (family === 6 ? 128 : 32))
      throw new Error(`"${item.slice(0, 60)}" has a prefix length outside 0–${family === 6 ? 128 : 32}`);
    list.addSubnet(address, bits, type);
  }
  return { list, empty: items.length === 0 };
}
