// Worker thread of full verification: reads batches of ledger entries, their source rows and
// level-0 tiles on its own connection, inside the verifier's exported snapshot, and recomputes
// the leaf hashes; the verifier's thread rebuilds the tree and checks the blocks meanwhile.
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { readRehashedBatch, transferablesOf } from "./rehash-batch";
import type { TRehashRequest, TRehashWorkerData } from "./rehash-workers";

const port = parentPort!;
const { connection, snapshot } = workerData as TRehashWorkerData;
const client = new pg.Client(connection);

async function start() {
  await client.connect();
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/[^0-9A-F-]/gi, "")}'`);
}

const ready = start();
ready.then(
  () => port.postMessage({ ready: true }),
  (err: Error) => port.postMessage({ error: err.message }),
);

// Requests are answered one at a time, in the order they arrive.
let queue: Promise<void> = ready;
port.on("message", (req: TRehashRequest | "close") => {
  if (req === "close") {
    queue = queue.finally(() => client.end()).finally(() => port.close());
    return;
  }
  queue = queue.then(async () => {
    try {
      const batch = await readRehashedBatch(client, req.from, req.to);
      port.postMessage({ id: req.id, batch }, transferablesOf(batch));
    } catch (err) {
      port.postMessage({ id: req.id, error: (err as Error).message });
    }
  });
});
