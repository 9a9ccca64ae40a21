import "server-only";
import type pg from "pg";
import { readRehashedBatch, type TRehashedBatch } from "./rehash-batch";

/** Where full verification gets rehashed batches from: this thread, or worker threads. */
export interface RehashSource {
  /** Entries with index in [from, to] (to = null: to the end); answers come in request order. */
  read(from: number, to: number | null): Promise<TRehashedBatch>;
  close(): Promise<void>;
}

/** Reads and rehashes on this thread, on a connection already inside the snapshot. */
export function localRehashSource(client: pg.ClientBase): RehashSource {
  // One read at a time: node-postgres no longer queues a query behind a running one.
  let last: Promise<unknown> = Promise.resolve();
  return {
    read(from, to) {
      const read = last.catch(() => {}).then(() => readRehashedBatch(client, from, to));
      last = read;
      return read;
    },
    close: async () => {},
  };
}
