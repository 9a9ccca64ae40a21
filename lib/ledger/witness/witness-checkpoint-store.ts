import "server-only";
// A witness as a store of truth for the rollback guard (lib/ledger/rollback): the latest
// checkpoint it cosigned, read from its GET /checkpoint and believed only when both the log's
// signature and the witness's cosignature verify. A witness is keyed by the log's origin, not
// by the genesis block, so a ledger wiped and restarted from a new genesis contradicts it too.
//
// Availability: a witness that cannot be reached (down, timed out, answering 5xx) is not
// counted, as if it knew nothing: a witness outage must not stop patient care, and the local
// state file and the other witnesses still answer (the pusher's errors show it failing on
// /regulator). An answer that does not verify closes the guard (store_error): that is a
// misconfigured key or someone between the app and the witness.
import http from "node:http";
import https from "node:https";
import type { TCheckpointStore, TIssuedCheckpoint } from "../rollback/checkpoint-store";
import { openCheckpoint, verifyCosignature } from "../tlog/checkpoint";
import { bytesToHex } from "../tlog/encoding";
import type { NoteVerifier } from "../tlog/note";
import type { TWitnessEndpoint } from "./push-checkpoint";

/** An answer is reused this long (the guard asks on every patient-data request while closed). */
const FRESH_MS = 2_000;
/** After a failed read, the witness is not asked again for this long (no 2 s stall per request). */
const RETRY_MS = 10_000;
const TIMEOUT_MS = 2_000;
const MAX_BYTES = 64 * 1024;

type TCached = { value: TIssuedCheckpoint | null; at: number; failedAt?: number };
/** Answers by witness, so a guard asked on every request reads each witness at most every FRESH_MS. */
const cache = new Map<string, TCached>();

/** Forget what was read from witnesses (tests). */
export function forgetWitnessAnswers(): void {
  cache.clear();
}

export function witnessCheckpointStore(input: {
  witness: TWitnessEndpoint;
  origin: string;
  logVerifier: NoteVerifier;
  /** How to GET a URL (tests); node:http by default. */
  get?: typeof httpGet;
}): TCheckpointStore {
  const { witness, origin, logVerifier } = input;
  const doGet = input.get ?? httpGet;
  const key = `${witness.url}\n${witness.verifierKey}\n${origin}`;

  async function read(): Promise<TIssuedCheckpoint | null> {
    const res = await getText(`${witness.url}/checkpoint?origin=${encodeURIComponent(origin)}`, doGet);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`answered ${res.status}`);
    const note = res.text;
    let checkpoint, timestamp;
    try {
      checkpoint = openCheckpoint(note, logVerifier);
      ({ timestamp } = verifyCosignature({ note, verifierKey: witness.verifier }));
    } catch {
      throw new AnswerError(`the witness ${witness.name} served a checkpoint that does not verify`);
    }
    if (checkpoint.origin !== origin || checkpoint.treeSize === 0) return null;
    return {
      treeSize: checkpoint.treeSize,
      rootHash: bytesToHex(checkpoint.rootHash),
      checkpoint: note,
      recordedAt: new Date(timestamp * 1000).toISOString(),
    };
  }

  return {
    name: `witness ${witness.name}`,
    location: witness.url,
    async latest() {
      const now = Date.now();
      const cached = cache.get(key);
      if (cached && now - cached.at < FRESH_MS) return cached.value;
      if (cached?.failedAt && now - cached.failedAt < RETRY_MS) return null;
      try {
        const value = await read();
        cache.set(key, { value, at: Date.now() });
        return value;
      } catch (err) {
        if (err instanceof AnswerError) throw err;
        cache.set(key, { value: null, at: 0, failedAt: Date.now() });
        return null;
      }
    },
    // Witnesses are written by the pusher (witness-pusher.ts), in the background, never here:
    // and no re-trust can make a witness forget what it cosigned. Nothing is refused here.
    async record() {
      return true;
    },
  };
}

class AnswerError extends Error {}

const getText = (url: string, get: typeof httpGet) => get(url, { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES });

/**
 * A bounded GET with a hard deadline on node:http itself: inside the Next.js server, fetch is
 * patched (caching, request memoisation), and the guard must see what the witness says now.
 */
export function httpGet(
  url: string,
  o: { timeoutMs: number; maxBytes: number },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const client = u.protocol === "https:" ? https : http;
    const req = client.get(u, { timeout: o.timeoutMs, headers: { accept: "text/plain" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (text.length > o.maxBytes) req.destroy(new Error("answer too large"));
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    const deadline = setTimeout(() => req.destroy(new Error("timed out")), o.timeoutMs);
    req.on("close", () => clearTimeout(deadline));
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}
