import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { getLeafKind, type TAnchoredRow, type TLeafKindName } from "../kinds";
import { leafHashOfRow } from "../leaf-hash-node";
import { bytesEqual } from "../tlog/encoding";
import { rowKey } from "./check-queued-entries";
import { getWriterKeys, verifyWriterMac, type TWriterKeys } from "./writer-mac";

export type TTrustCandidate = { kind: TLeafKindName; row: TAnchoredRow & { id: string } };

/**
 * Which of these rows the app vouches for: the row, as stored now, hashes to its sealed leaf, or
 * to a queued leaf whose writer MAC verifies. A row inserted by SQL (with or without a queue
 * entry) is neither, and neither is one edited after it was written. Rows that open patient data
 * (care-team membership, consents, break-glass) count only when trusted, so a forged one grants
 * nothing while it waits for a sequencer that will refuse it. Returns rowKey(kind, id) of each.
 */
export async function findTrustedRows(
  db: PrismaClient | Prisma.TransactionClient,
  candidates: readonly TTrustCandidate[],
  keys: TWriterKeys = getWriterKeys(),
): Promise<Set<string>> {
  const trusted = new Set<string>();
  if (candidates.length === 0) return trusted;
  const hashes = new Map(candidates.map((c) => [rowKey(c.kind, c.row.id), leafHashOfRow(getLeafKind(c.kind), c.row)]));
  const untrusted = () => [
    ...new Set(candidates.filter((c) => !trusted.has(rowKey(c.kind, c.row.id))).map((c) => c.row.id)),
  ];
  const addSealed = async (ids: string[]) => {
    const sealed = await db.ledgerEntry.findMany({
      where: { rowId: { in: ids } },
      select: { kind: true, rowId: true, leafHash: true },
    });
    for (const e of sealed) {
      const key = rowKey(e.kind, e.rowId);
      const hash = hashes.get(key);
      if (hash && bytesEqual(hash, e.leafHash)) trusted.add(key);
    }
  };
  await addSealed(untrusted());
  // Most rows are sealed within a second of being written; only the others are looked for in
  // the queue (which has no index on rowId: it is kept lean for the sealer).
  const waiting = untrusted();
  if (waiting.length === 0) return trusted;
  const queued = await db.ledgerQueue.findMany({
    where: { rowId: { in: waiting } },
    select: { kind: true, rowId: true, leafHash: true, mac: true, recordedAt: true },
  });
  for (const q of queued) {
    const key = rowKey(q.kind, q.rowId);
    const hash = hashes.get(key);
    if (hash && bytesEqual(hash, q.leafHash) && verifyWriterMac(q, q.mac, keys)) trusted.add(key);
  }
  // A seal between the two reads moves an entry from the queue into the ledger, so neither read
  // sees it: look in the ledger once more for what is still missing, or a row being sealed at
  // this moment is taken for a forgery (a break-glass that opens nothing).
  const missed = untrusted();
  if (missed.length > 0) await addSealed(missed);
  return trusted;
}
