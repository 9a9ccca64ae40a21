import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";

// A server component cannot set its page's HTTP status, yet the page shown while the database is
// down must answer 503 with Retry-After (an uptime monitor or a load balancer reads the status, not
// the text). So the HTTP server in front of Next.js (scripts/serve.ts) runs each request in an
// AsyncLocalStorage context, the page records the status it wants there, and the server applies it
// when Next writes the head: the layout that decides it renders before the first byte is sent. The
// storage lives on globalThis because the server and Next's bundle load this module separately.

type TPageStatus = { status?: number; retryAfterSeconds?: number };

const KEY = Symbol.for("healthledger.page-status");
const g = globalThis as unknown as { [KEY]?: AsyncLocalStorage<TPageStatus> };
const storage = () => (g[KEY] ??= new AsyncLocalStorage<TPageStatus>());

/**
 * Ask for `status` on the page being rendered. Outside a request served by scripts/serve.ts (a
 * test, `next start`) there is no context and nothing happens: the page still shows, with 200.
 */
export function setPageStatus(status: number, retryAfterSeconds?: number): void {
  const store = storage().getStore();
  if (!store) return;
  store.status = status;
  store.retryAfterSeconds = retryAfterSeconds;
}

/**
 * Serve one request with a page-status context: a status set while it renders replaces the 200
 * Next writes (never a redirect or an error status it chose itself).
 */
export function withPageStatus(res: http.ServerResponse, handle: () => void): void {
  const store: TPageStatus = {};
  const writeHead = res.writeHead;
  // Next writes the head explicitly or through the first write (which calls writeHead too).
  res.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (store.status && args[0] === 200) {
      args[0] = store.status;
      if (typeof args[1] === "string") (args as unknown[])[1] = http.STATUS_CODES[store.status] ?? "";
      if (store.retryAfterSeconds !== undefined && !res.headersSent)
        res.setHeader("retry-after", String(store.retryAfterSeconds));
    }
    return writeHead.apply(this, args);
  } as typeof res.writeHead;
  storage().run(store, handle);
}
