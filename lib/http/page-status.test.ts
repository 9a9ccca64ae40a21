import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { setPageStatus, withPageStatus } from "./page-status";

let server: http.Server | null = null;

/** A server that answers each request through withPageStatus with `render`, as scripts/serve.ts runs Next. */
async function serve(render: (res: http.ServerResponse) => Promise<void>): Promise<string> {
  server = http.createServer((_req, res) => withPageStatus(res, () => void render(res)));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

afterEach(async () => {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

describe("page status", () => {
  it("turns the 200 a page is rendered with into the 503 and Retry-After it asked for, after an await", async () => {
    const url = await serve(async (res) => {
      await new Promise((r) => setTimeout(r, 5));
      setPageStatus(503, 5);
      res.statusCode = 200;
      res.setHeader("content-type", "text/html");
      res.end("<h1>The database is unavailable</h1>");
    });
    const r = await fetch(url);
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("5");
    expect(await r.text()).toContain("The database is unavailable");
  });

  it("keeps the status of a page that asked for nothing, and never rewrites a redirect", async () => {
    let redirect = false;
    const url = await serve(async (res) => {
      if (redirect) {
        setPageStatus(503);
        res.writeHead(307, { location: "/login" }).end();
      } else res.writeHead(200, "OK").end("fine");
    });
    expect((await fetch(url)).status).toBe(200);
    redirect = true;
    const r = await fetch(url, { redirect: "manual" });
    expect(r.status).toBe(307);
    expect(r.headers.get("retry-after")).toBeNull();
  });

  it("does nothing outside a request served through withPageStatus", () => {
    expect(() => setPageStatus(503, 5)).not.toThrow();
  });
});
