import "server-only";
import { isLeafKindName } from "../kinds";
import { HASH_SIZE } from "../tlog/merkle";
import { verifyWriterMac, type TWriterKeys } from "./writer-mac";

// What the sequencer seals and what it refuses, decided on the queue entries of one batch. Pure,
// so every outcome is tested in a table (check-queued-entries.test.ts); seal-batch.ts does the I/O.

/**
 * Why an entry was refused. Persisted in LedgerRefusedEntry.reason and shown on the audit-evidence
 * page: renaming one breaks reading old rows; add new codes instead.
 */
export const REFUSAL_REASONS = {
  malformed: "The entry is not well formed (unknown kind, or a leaf hash that is not 32 bytes).",
  mac_invalid: "The writer MAC is missing or does not verify: the entry was not written by the app.",
  recorded_too_early: "Recorded before the previous seal (minus the allowed clock skew): backdated or replayed.",
  recorded_in_future: "Recorded after the sequencer's clock (plus the allowed clock skew).",
  already_sealed: "The row is already sealed: a replayed queue entry.",
  queued_twice: "The row is queued twice in one batch; its first entry was sealed.",
} as const satisfies Record<string, string>;
export type TRefusalReason = keyof typeof REFUSAL_REASONS;

/** Short names for the audit-evidence page. */
export const REFUSAL_LABELS: Record<TRefusalReason, string> = {
  malformed: "malformed entry",
  mac_invalid: "no valid writer MAC",
  recorded_too_early: "backdated",
  recorded_in_future: "dated ahead of the clock",
  already_sealed: "replay of a sealed row",
  queued_twice: "queued twice",
};

export type TQueuedEntry = {
  /** Queue id (bigint, as text). */
  id: string;
  kind: string;
  rowId: string;
  leafHash: Uint8Array;
  mac: Uint8Array;
  recordedAt: Date;
  /** The queue's own timestamp, as PostgreSQL printed it (kept with a refused entry, never checked). */
  enqueuedAt: string;
};

export type TQueueCheckContext = {
  keys: TWriterKeys;
  /** Entries recorded before this are refused; null when nothing bounds them (an empty ledger). */
  notBefore: Date | null;
  /** Entries recorded after this are refused. */
  notAfter: Date;
  /** `${kind}\n${rowId}` of the batch's rows already in LedgerEntry (empty when not looked up). */
  sealed: ReadonlySet<string>;
};

export type TQueueCheck = {
  accepted: TQueuedEntry[];
  refused: { entry: TQueuedEntry; reason: TRefusalReason }[];
};

export const rowKey = (kind: string, rowId: string) => `${kind}\n${rowId.toLowerCase()}`;

function refusalOf(entry: TQueuedEntry, ctx: TQueueCheckContext): TRefusalReason | null {
  if (!isLeafKindName(entry.kind) || entry.leafHash.length !== HASH_SIZE) return "malformed";
  // The MAC first: an entry the app did not write is reported as such, whatever else is wrong.
  if (!verifyWriterMac(entry, entry.mac, ctx.keys)) return "mac_invalid";
  const t = entry.recordedAt.getTime();
  if (ctx.notBefore && t < ctx.notBefore.getTime()) return "recorded_too_early";
  if (t > ctx.notAfter.getTime()) return "recorded_in_future";
  if (ctx.sealed.has(rowKey(entry.kind, entry.rowId))) return "already_sealed";
  return null;
}

/** Splits a batch (in queue order) into the entries to seal, in the same order, and those to refuse. */
export function checkQueuedEntries(entries: readonly TQueuedEntry[], ctx: TQueueCheckContext): TQueueCheck {
  const out: TQueueCheck = { accepted: [], refused: [] };
  const seen = new Set<string>();
  for (const entry of entries) {
    let reason = refusalOf(entry, ctx);
    const key = rowKey(entry.kind, entry.rowId);
    if (!reason && seen.has(key)) reason = "queued_twice";
    if (reason) {
      out.refused.push({ entry, reason });
    } else {
      seen.add(key);
      out.accepted.push(entry);
    }
  }
  return out;
}
