import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { hasDotSegment, pathDecodes, refuseMalformedPath } from "./malformed-path";

// Next.js answered a bare 500 for "/api/ledger/blocks/%ZZ"; found by e2e/api-fuzz.spec.ts.
describe("a path whose percent-encoding does not decode", () => {
  it("is told apart from one that does", () => {
    for (const bad of ["/api/ledger/blocks/%ZZ", "/api/x/%", "/a/%ED%A0%80", "/%C3"])
      expect(pathDecodes(bad)).toBe(false);
    for (const ok of ["/api/ledger/blocks/1", "/api/fhir/Patient/%2e%2e", "/x/%C3%A9?q=%ZZ", "/"])
      expect(pathDecodes(ok)).toBe(true);
  });

  it("is refused with 400 and the API's error body, and the rest go through", async () => {
    const server = http.createServer((req, res) => {
      if (!refuseMalformedPath(req, res)) res.end("passed");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const bad = await fetch(`${base}/api/ledger/blocks/%ZZ`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_request");
      expect(await (await fetch(`${base}/api/ledger/blocks/1?q=%ZZ`)).text()).toBe("passed");
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe("a path with a dot segment", () => {
  it("is told apart from one with dots inside a segment", () => {
    for (const bad of ["/api/ledger/tree-heads/%2e%2e", "/a/%2E/b", "/a/.%2e", "/a/../b", "/a/./b?x=1"])
      expect(hasDotSegment(bad)).toBe(true);
    for (const ok of ["/api/ledger/tree-heads/3", "/a/...", "/a/%2e%2e%2e", "/a/b.c", "/x?q=/../", "/"])
      expect(hasDotSegment(ok)).toBe(false);
  });

  it("is refused with 400 before any route runs", async () => {
    const server = http.createServer((req, res) => {
      if (!refuseMalformedPath(req, res)) res.end("passed");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      // fetch() would resolve the dot segment itself, as a browser does: send the raw path.
      const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: "/api/ledger/tree-heads/%2e%2e" }, (res) => {
            let body = "";
            res.on("data", (c: Buffer) => (body += c.toString()));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          })
          .on("error", reject);
      });
      expect(raw.status).toBe(400);
      expect((JSON.parse(raw.body) as { error: { message: string } }).error.message).toMatch(/'\.\.' segment/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
