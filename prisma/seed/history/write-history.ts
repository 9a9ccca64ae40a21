// Writes generated history through the app's own write paths, in time order: access events in
// multi-row INSERTs with their leaves queued in the same transaction (importAccessEvents), and
// break-glass declarations through declareBreakGlass (sealed reason, leaf, privacy alert).
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import { declareBreakGlass } from "../../../lib/access/break-glass/declare-break-glass";
import { importAccessEvents, type THistoricAccessEvent } from "../../../lib/access/import-access-events";
import type { LedgerPool } from "../../../lib/ledger/ledger-pool";
import type { THistoryItem } from "./history-items";

// 5,000 rows × 16 columns per statement: well under the sequencer's clock window per transaction
// (a batch commits in a fraction of a second), and few enough round trips to keep the seed fast.
export const HISTORY_BATCH = 5_000;

const REASONS = [
  "Patient brought in unresponsive; medication history and allergies needed before treatment.",
  "Covering the ward overnight: acute deterioration, primary team not reachable.",
  "Rapid response call on the ward; need recent labs and the current medication list.",
  "Transfer from the emergency department arrived before the care team was assigned.",
];

export type TWriteResult = { events: number; breakGlass: number };

export async function writeHistory(o: {
  prisma: PrismaClient;
  pool: LedgerPool;
  items: Iterable<THistoryItem>;
  batchSize?: number;
  onProgress?: (events: number) => void;
}): Promise<TWriteResult> {
  const size = o.batchSize ?? HISTORY_BATCH;
  const result: TWriteResult = { events: 0, breakGlass: 0 };
  let batch: THistoricAccessEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const client = await o.pool.connect();
    try {
      await client.query("BEGIN");
      result.events += await importAccessEvents(client, batch);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    batch = [];
    o.onProgress?.(result.events);
  };
  for (const item of items(o.items)) {
    if (item.kind === "event") {
      batch.push(item.event);
      if (batch.length >= size) await flush();
      continue;
    }
    // Events before the declaration are written first, so the ledger keeps the history's order.
    await flush();
    await declareBreakGlass(o.prisma, {
      actor: { id: item.actorId, role: "CLINICIAN", name: item.actorName },
      patientId: item.patientId,
      reason: REASONS[result.breakGlass % REASONS.length],
      now: item.at,
    });
    result.breakGlass++;
  }
  await flush();
  return result;
}

function* items(source: Iterable<THistoryItem>) {
  yield* source;
}
