import "server-only";
// Kept apart from rehash-sources.ts so the web app's bundle never contains a worker entry:
// only the CLI and the benchmark import this file.
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { LedgerPool } from "../ledger-pool";
import type { TRehashedBatch } from "./rehash-batch";
import type { RehashSource } from "./rehash-sources";

export type TRehashRequest = { id: number; from: number; to: number | null };
export type TRehashWorkerData = {
  connection: { host?: string; port?: number; user?: string; password?: string; database?: string };
  snapshot: string;
};
type TWorkerReply = { ready: true } | { id?: number; error: string } | { id: number; batch: TRehashedBatch };

/** Worker threads for a full verification run from the CLI: one per core, up to four; none on one core. */
export function defaultRehashWorkers(): number {
  const cores = os.availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, 4);
}

/** verifyLedger's `startWorkers` option: `count` rehash workers on connections like the pool's. */
export function rehashInWorkers(
  pool: LedgerPool,
  count = defaultRehashWorkers(),
): ((snapshot: string) => Promise<RehashSource>) | undefined {
  return count > 0 ? (snapshot) => startRehashWorkers(pool, snapshot, count) : undefined;
}

/**
 * `count` worker threads, each with its own connection inside `snapshot`, taking requests in
 * turn. Parsing rows and hashing leaves is most of the CPU time of a full verification; with
 * workers it runs on other cores while this thread rebuilds the tree.
 */
export async function startRehashWorkers(pool: LedgerPool, snapshot: string, count: number): Promise<RehashSource> {
  const o = pool.options;
  if (typeof o.password === "function") throw new Error("rehash workers need a plain password in the pool options");
  const workerData: TRehashWorkerData = {
    connection: { host: o.host, port: o.port, user: o.user, password: o.password, database: o.database },
    snapshot,
  };
  const started = await Promise.allSettled(Array.from({ length: count }, () => startWorker(workerData)));
  const workers = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = started.find((r) => r.status === "rejected");
  if (failed) {
    await Promise.all(workers.map((w) => w.close()));
    throw failed.reason;
  }
  let turn = 0;
  return {
    read: (from, to) => workers[turn++ % workers.length].read(from, to),
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

function startWorker(workerData: TRehashWorkerData): Promise<RehashSource> {
  const worker = new Worker(new URL("./rehash-worker-entry.mjs", import.meta.url), {
    workerData,
    // The worker's modules import "server-only", which resolves to nothing under this condition.
    execArgv: ["--conditions=react-server"],
    // A batch's rows and leaf texts live across the awaits of its queries; in V8's default
    // young generation they would be promoted and collected by full GCs, about a sixth of the
    // worker's time (measured). A larger one lets them die young.
    resourceLimits: { maxYoungGenerationSizeMb: 256 },
  });
  const pending = new Map<number, { resolve: (b: TRehashedBatch) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  let exited = false;
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  return new Promise((resolve, reject) => {
    const source: RehashSource = {
      read(from, to) {
        if (failure) return Promise.reject(failure);
        const id = nextId++;
        return new Promise((res, rej) => {
          pending.set(id, { resolve: res, reject: rej });
          worker.postMessage({ id, from, to } satisfies TRehashRequest);
        });
      },
      async close() {
        if (exited) return;
        const gone = new Promise((r) => worker.once("exit", r));
        worker.postMessage("close");
        // It ends its transaction and connection, then exits; one stuck on a dead connection is stopped.
        const timer = setTimeout(() => void worker.terminate(), 5_000);
        await gone;
        clearTimeout(timer);
      },
    };
    worker.on("message", (m: TWorkerReply) => {
      if ("ready" in m) return resolve(source);
      if ("batch" in m) {
        pending.get(m.id)?.resolve(m.batch);
        pending.delete(m.id);
        return;
      }
      const err = new Error(`verification worker: ${m.error}`);
      if (m.id === undefined) {
        reject(err);
        void worker.terminate();
      }
      fail(err);
    });
    worker.on("error", (err) => {
      reject(err);
      fail(err);
    });
    worker.on("exit", (code) => {
      exited = true;
      const err = new Error(`verification worker exited (code ${code})`);
      reject(err);
      fail(err);
    });
  });
}
