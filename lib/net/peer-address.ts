import type { IncomingMessage } from "node:http";

// Next.js fills X-Forwarded-For from the socket only when the request has none (`??=`), so a
// client's own header reaches the app unchanged and cannot tell us who is on the other end of the
// socket. The server in scripts/serve.ts records the socket's address in a header of its own
// instead, overwriting whatever copy the client sent; lib/net/client-address.ts reads it.

/** Set by our server from the socket, never taken from the client. */
export const PEER_ADDRESS_HEADER = "x-healthledger-peer";

/** "::ffff:10.0.0.5" → "10.0.0.5": IPv4 clients of a dual-stack socket show up IPv4-mapped. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** Replace any client-sent peer header with the address of the socket the request came in on. */
export function stampPeerAddress(req: IncomingMessage): void {
  const raw: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i].toLowerCase() !== PEER_ADDRESS_HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  delete req.headers[PEER_ADDRESS_HEADER];
  const peer = req.socket.remoteAddress;
  if (peer) {
    req.headers[PEER_ADDRESS_HEADER] = normalizeAddress(peer);
    req.rawHeaders.push(PEER_ADDRESS_HEADER, req.headers[PEER_ADDRESS_HEADER]);
  }
}
