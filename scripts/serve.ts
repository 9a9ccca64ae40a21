// The HTTP server in front of Next.js, started by scripts/start.ts (`npm start`, `npm run dev`) in
// place of `next start`/`next dev`, for one reason: to tell the app who is on the other end of the
// socket. Next.js keeps a client's own X-Forwarded-For, so the app cannot learn the peer address
// from it; this server records the socket's address in a header the client cannot set (any copy
// it sends is removed), and lib/net/client-address.ts decides from it and HL_TRUSTED_PROXIES.
// Usage: tsx scripts/serve.ts [--dev] <port>
import http from "node:http";
import next from "next";
import { refuseMalformedPath } from "../lib/http/malformed-path";
import { withPageStatus } from "../lib/http/page-status";
import { stampPeerAddress } from "../lib/net/peer-address";
import { runtimeEnv } from "../lib/config/runtime-env";
import { startRuntimeSamples } from "./runtime-samples";

const dev = process.argv.includes("--dev");
const port = Number(process.argv.filter((a) => /^\d+$/.test(a)).at(-1) ?? 3000);
const app = next({ dev, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (refuseMalformedPath(req, res)) return;
  stampPeerAddress(req);
  // A page may answer other than 200 (the database-unavailable page: 503), lib/http/page-status.ts.
  withPageStatus(res, () => void handle(req, res));
});
// Longer than a load balancer's idle timeout (60 s on the common ones), so the proxy, not this
// server, closes an idle kept-alive connection: otherwise a request sent on it just as the server
// closes it fails with a reset (Node's default is 5 s). Headers must be allowed a little longer.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on("upgrade", (req, socket, head) => {
  stampPeerAddress(req);
  void app.getUpgradeHandler()(req, socket, head);
});
server.listen(port, () => console.log(`› ready on port ${port}`));
startRuntimeSamples(runtimeEnv().HL_RUNTIME_SAMPLES_FILE);

const stop = () => server.close(() => void app.close().then(() => process.exit(0)));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
