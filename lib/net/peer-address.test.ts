import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, stampPeerAddress } from "./peer-address";

// The server of scripts/serve.ts, minus Next.js: what the app would see of a request.
let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    stampPeerAddress(req);
    res.end(JSON.stringify({ peer: req.headers[PEER_ADDRESS_HEADER], raw: req.rawHeaders }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("stampPeerAddress", () => {
  it("overwrites a peer header the client sent with the socket's address", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [PEER_ADDRESS_HEADER]: "10.0.0.1", "x-forwarded-for": "10.0.0.1" },
    });
    const seen = (await res.json()) as { peer: string; raw: string[] };
    expect(seen.peer).toBe("127.0.0.1");
    expect(seen.raw.filter((h) => h.toLowerCase() === PEER_ADDRESS_HEADER)).toHaveLength(1);
    expect(seen.raw).not.toContain("10.0.0.1, 10.0.0.1");
  });
});
