import "server-only";
import type pg from "pg";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";
import type { TAccessEventInput } from "./record-access-event";

/** An access event of the past: `recorded` is when it happened, not when it is written. */
export type THistoricAccessEvent = TAccessEventInput & { recorded: Date; requestId: string };

const COLUMNS = [
  ["id", "uuid"],
  ["recorded", "timestamp"],
  ["type", "text"],
  ["subtype", "text"],
  ["action", "text"],
  ["outcome", "text"],
  ["outcomeDesc", "text"],
  ["actorId", "uuid"],
  ["actorRole", '"Role"'],
  ["network", "text"],
  ["userAgent", "text"],
  ["purposeOfUse", "text"],
  ["patientId", "uuid"],
  ["entityWhat", "text"],
  ["query", "text"],
  ["requestId", "text"],
] as const;

const INSERT = `INSERT INTO "AccessEvent" (${COLUMNS.map(([c]) => `"${c}"`).join(", ")})
  SELECT * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ")})
  RETURNING *`;

/**
 * Write access events that happened earlier (an import of another system's audit log; the demo's
 * history) in one multi-row INSERT, and queue their leaves in the same transaction through the
 * one enqueue path every writer uses (leaf hash of the row as stored, writer MAC, recordedAt =
 * now). Nothing is backdated in the ledger: the leaf carries the event's own `recorded` time, and
 * the block that seals it carries when it was anchored, so a reader sees both. `client` must be a
 * ledger-pool connection inside BEGIN … COMMIT (its timestamps parse as UTC, like the verifier's).
 */
export async function importAccessEvents(
  client: pg.ClientBase,
  events: readonly THistoricAccessEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const values: Record<string, unknown>[] = events.map((e) => ({
    ...e,
    id: newAnchoredRowId(),
    // Text with its zone, read by PostgreSQL as UTC wall-clock time (the column has no zone).
    recorded: e.recorded.toISOString(),
  }));
  const { rows } = await client.query(
    INSERT,
    COLUMNS.map(([c]) => values.map((v) => v[c] ?? null)),
  );
  await enqueueLeaves(client, { kind: "access_event", rows: rows as { id: string }[] });
  return rows.length;
}
