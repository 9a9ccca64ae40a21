// The witness's HTTP service (C2SP tlog-witness): POST /add-checkpoint, and one read endpoint
// the spec leaves to implementations ("TBD Monitor Retrieval Mechanism"):
// GET /checkpoint?origin=<origin> answers the latest checkpoint it cosigned, as the log-signed
// note with the witness's cosignature line, so the log (and anyone) can see what it holds.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseVerifierKey, SIG_TYPE_ED25519, type NoteSigner, type NoteVerifier } from "../tlog/note";
import { MAX_ADD_CHECKPOINT_BYTES } from "./add-checkpoint-request";
import { decideAddCheckpoint } from "./decide-add-checkpoint";
import type { TWitnessState } from "./witness-state";

export type TWitnessServerOptions = {
  signer: NoteSigner;
  state: TWitnessState;
  /** Verifier keys (vkeys) of the logs it witnesses; each key's name is the log's origin. */
  logKeys: readonly string[];
  port: number;
  host?: string;
  log?: (line: string) => void;
};

export type TWitnessServer = { url: string; port: number; close: () => Promise<void> };

export function logsByOrigin(vkeys: readonly string[]): Map<string, NoteVerifier[]> {
  const logs = new Map<string, NoteVerifier[]>();
  for (const vkey of vkeys) {
    const v = parseVerifierKey(vkey);
    if (v.type !== SIG_TYPE_ED25519) throw new Error(`log key ${v.name} is not an Ed25519 note key`);
    logs.set(v.name, [...(logs.get(v.name) ?? []), v]);
  }
  return logs;
}

class TooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new TooLarge());
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function startWitnessServer(options: TWitnessServerOptions): Promise<TWitnessServer> {
  const logs = logsByOrigin(options.logKeys);
  const log = options.log ?? ((line: string) => console.log(line));
  const send = (res: http.ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8") => {
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
    res.end(body);
  };

  async function addCheckpoint(req: http.IncomingMessage, res: http.ServerResponse) {
    let body: string;
    try {
      body = utf8.decode(await readBody(req, MAX_ADD_CHECKPOINT_BYTES));
    } catch (err) {
      if (err instanceof TooLarge) return send(res, 413, `request body over ${MAX_ADD_CHECKPOINT_BYTES} bytes\n`);
      return send(res, 400, "request body is not UTF-8 text\n");
    }
    const now = Math.floor(Date.now() / 1000);
    const outcome = await options.state.update(() => {
      const o = decideAddCheckpoint({ body, logs, witnessed: options.state.get, signer: options.signer, now });
      return { result: o, next: o.status === 200 ? { origin: o.origin, log: o.next } : undefined };
    });
    if (outcome.status === 200) {
      log(`[witness] cosigned ${outcome.origin} at size ${outcome.next.treeSize}`);
      return send(res, 200, outcome.body);
    }
    log(`[witness] refused (${outcome.status}): ${outcome.why}`);
    if (outcome.status === 409) return send(res, 409, `${outcome.size}\n`, "text/x.tlog.size");
    return send(res, outcome.status, `${outcome.why}\n`);
  }

  function latestCheckpoint(url: URL, res: http.ServerResponse) {
    const origin = url.searchParams.get("origin") ?? "";
    if (!logs.has(origin)) return send(res, 404, "unknown log origin\n");
    const known = options.state.get(origin);
    if (!known) return send(res, 404, "nothing cosigned for this log yet\n");
    send(res, 200, known.checkpoint + known.cosignature);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://witness");
    if (url.pathname === "/add-checkpoint") {
      if (req.method !== "POST") return send(res, 405, "use POST\n");
      addCheckpoint(req, res).catch((err) => {
        log(`[witness] error: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) send(res, 500, "internal error\n");
      });
      return;
    }
    if (url.pathname === "/checkpoint" && req.method === "GET") return latestCheckpoint(url, res);
    send(res, 404, "not found\n");
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        url: `http://${options.host ?? "127.0.0.1"}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => void options.state.close().then(done));
          }),
      });
    });
  });
}
