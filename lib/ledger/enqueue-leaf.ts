import "server-only";
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dbBytes } from "@/lib/db/bytes";
import { getLeafKind, type TAnchoredRow, type TLeafKindName } from "./kinds";
import { leafHashOfRow } from "./leaf-hash-node";
import { wakeLocalSequencer } from "./sequencer-signal";

/** A Prisma transaction (or client) or a node-postgres client inside BEGIN … COMMIT. */
export type TLedgerWriter = Prisma.TransactionClient | pg.ClientBase;

export type TQueuedLeaf = { kind: TLeafKindName; rowId: string; leafHash: Uint8Array };

function isPgClient(tx: TLedgerWriter): tx is pg.ClientBase {
  return typeof (tx as pg.ClientBase).query === "function" && !("$executeRaw" in tx);
}

/**
 * Queues rows for anchoring. Call it in the SAME transaction that writes the rows, with the
 * rows as the database returned them (Prisma result or RETURNING *): the leaf hash must be
 * of what is stored, defaults and rounding included, or verification will flag the row.
 */
export async function enqueueLeaves(tx: TLedgerWriter, input: { kind: TLeafKindName; rows: readonly TAnchoredRow[] }): Promise<TQueuedLeaf[]> {
  const kind = getLeafKind(input.kind);
  const leaves = input.rows.map((row) => {
    if (typeof row.id !== "string") throw new TypeError(`enqueueLeaves(${input.kind}): row has no string id`);
    return { kind: input.kind, rowId: row.id, leafHash: new Uint8Array(leafHashOfRow(kind, row)) };
  });
  if (leaves.length === 0) return leaves;
  if (isPgClient(tx)) {
    // One statement for any number of rows: bulk writers (seeding, benchmarks) stay fast.
    await tx.query(
      `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash") SELECT $1, r, h FROM unnest($2::uuid[], $3::bytea[]) AS u(r, h)`,
      [input.kind, leaves.map((l) => l.rowId), leaves.map((l) => Buffer.from(l.leafHash))],
    );
  } else {
    await tx.ledgerQueue.createMany({
      data: leaves.map((l) => ({ kind: l.kind, rowId: l.rowId, leafHash: dbBytes(l.leafHash) })),
    });
  }
  wakeLocalSequencer();
  return leaves;
}

export async function enqueueLeaf(tx: TLedgerWriter, input: { kind: TLeafKindName; row: TAnchoredRow }): Promise<TQueuedLeaf> {
  const [leaf] = await enqueueLeaves(tx, { kind: input.kind, rows: [input.row] });
  return leaf;
}
