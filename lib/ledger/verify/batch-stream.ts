import "server-only";
import type pg from "pg";
import { BLOCK_COLUMNS, blockFromRow, type TLedgerBlock } from "../read-ledger-state";
import type { TRehashedBatch } from "./rehash-batch";
import type { RehashSource } from "./rehash-sources";

export type TBatchStream = { next(): Promise<TRehashedBatch | null> };
export type TBlockStream = { next(): Promise<TLedgerBlock | null> };

/** Batches the source reads ahead of the one being verified. */
const READ_AHEAD = 4;

/**
 * Batches of about `batchSize` entries in index order, each read ahead by the source. Batch
 * bounds come from the entry index itself (the index of every batchSize-th entry), so index
 * gaps and stray indices beyond the tree still land in exactly one batch.
 */
export function batchesAhead(client: pg.PoolClient, source: RehashSource, batchSize: number): TBatchStream {
  const inflight: Promise<TRehashedBatch>[] = [];
  let from: number | null = 0;
  const plan = async () => {
    while (from !== null && inflight.length < READ_AHEAD) {
      const { rows } = await client.query(
        `SELECT "index" FROM "LedgerEntry" WHERE "index" >= $1 ORDER BY "index" OFFSET $2 LIMIT 1`,
        [from, batchSize],
      );
      const nextFrom: number | null = rows.length ? Number(rows[0].index) : null;
      const read = source.read(from, nextFrom === null ? null : nextFrom - 1);
      read.catch(() => {}); // awaited in order below; keep an early failure from going unhandled
      inflight.push(read);
      from = nextFrom;
    }
  };
  return {
    async next(): Promise<TRehashedBatch | null> {
      await plan();
      const b = await inflight.shift();
      return b === undefined || b.count === 0 ? null : b;
    },
  };
}

/** Every block in height order, a thousand per query. */
export function blockStream(client: pg.PoolClient): TBlockStream {
  let page: TLedgerBlock[] = [];
  let after = -1;
  let done = false;
  return {
    async next(): Promise<TLedgerBlock | null> {
      if (page.length === 0 && !done) {
        const { rows } = await client.query(
          `SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" WHERE height > $1 ORDER BY height LIMIT 1000`,
          [after],
        );
        page = rows.map(blockFromRow);
        done = page.length < 1000;
        if (page.length) after = page[page.length - 1].height;
      }
      return page.shift() ?? null;
    },
  };
}
