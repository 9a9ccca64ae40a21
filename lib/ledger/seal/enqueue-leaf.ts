import "server-only";
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getLeafKind, type TAnchoredRow, type TLeafKindName } from "../kinds";
import { leafHashOfRow } from "../leaf-hash-node";
import { wakeLocalSequencer } from "./sequencer-signal";
import { writerMac } from "./writer-mac";

/** A Prisma transaction (or client) or a node-postgres client inside BEGIN … COMMIT. */
export type TLedgerWriter = Prisma.TransactionClient | pg.ClientBase;

export type TQueuedLeaf = {
  kind: TLeafKindName;
  rowId: string;
  leafHash: Uint8Array;
  mac: Uint8Array;
  recordedAt: Date;
};

function isPgClient(tx: TLedgerWriter): tx is pg.ClientBase {
  return typeof (tx as pg.ClientBase).query === "function" && !("$executeRaw" in tx);
}

/**
 * The queue entries for rows (leaf hash of each row as given, the writer's MAC, one recordedAt for
 * the call), for a writer that inserts them into "LedgerQueue" in its own statement, in the rows'
 * order, then calls wakeLocalSequencer (write-record-versions.ts). Everyone else: enqueueLeaves.
 */
export function queueEntriesFor(input: { kind: TLeafKindName; rows: readonly TAnchoredRow[] }): TQueuedLeaf[] {
  const kind = getLeafKind(input.kind);
  // One time for the whole call: the rows commit together, whenever that is.
  const recordedAt = new Date();
  return input.rows.map((row) => {
    if (typeof row.id !== "string") throw new TypeError(`enqueueLeaves(${input.kind}): row has no string id`);
    const leaf = { kind: input.kind, rowId: row.id, leafHash: leafHashOfRow(kind, row), recordedAt };
    return { ...leaf, mac: writerMac(leaf) };
  });
}

/**
 * Queues rows for anchoring. Call it in the SAME transaction that writes the rows, with the
 * rows as the database returned them (Prisma result or RETURNING *): the leaf hash must be
 * of what is stored, defaults and rounding included, or verification will flag the row.
 * Each entry carries the writer's MAC (writer-mac.ts): without it the sequencer refuses the entry.
 */
export async function enqueueLeaves(
  tx: TLedgerWriter,
  input: { kind: TLeafKindName; rows: readonly TAnchoredRow[] },
): Promise<TQueuedLeaf[]> {
  const leaves = queueEntriesFor(input);
  if (leaves.length === 0) return leaves;
  const recordedAt = leaves[0].recordedAt;
  if (isPgClient(tx)) {
    // One statement for any number of rows: bulk writers (seeding, benchmarks) stay fast. The
    // hashes travel as one binary parameter, cut into 32-byte pieces by the server, instead of
    // an array of hex strings, and so do the MACs; queue ids follow the rows' order. The time
    // goes in as an ISO string (with its zone), never as a Date, which pg sends in local time.
    await tx.query(
      `INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt")
       SELECT $1, r, substring($3::bytea FROM i::int * 32 - 31 FOR 32), substring($4::bytea FROM i::int * 32 - 31 FOR 32), $5::timestamptz
         FROM unnest($2::uuid[]) WITH ORDINALITY AS u(r, i) ORDER BY i`,
      [
        input.kind,
        leaves.map((l) => l.rowId),
        Buffer.concat(leaves.map((l) => l.leafHash)),
        Buffer.concat(leaves.map((l) => l.mac)),
        recordedAt.toISOString(),
      ],
    );
  } else {
    // The same single statement through a Prisma transaction (createMany maps row by row, which
    // cost the vault's bulk writes most of their time); bytes travel as one base64 text each.
    const hashes = Buffer.concat(leaves.map((l) => l.leafHash)).toString("base64");
    const macs = Buffer.concat(leaves.map((l) => l.mac)).toString("base64");
    await tx.$executeRaw`
      INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt")
      SELECT ${input.kind}, r, substring(decode(${hashes}, 'base64') FROM i::int * 32 - 31 FOR 32),
             substring(decode(${macs}, 'base64') FROM i::int * 32 - 31 FOR 32), ${recordedAt.toISOString()}::timestamptz
        FROM unnest(${leaves.map((l) => l.rowId)}::uuid[]) WITH ORDINALITY AS u(r, i) ORDER BY i`;
  }
  wakeLocalSequencer();
  return leaves;
}

export async function enqueueLeaf(
  tx: TLedgerWriter,
  input: { kind: TLeafKindName; row: TAnchoredRow },
): Promise<TQueuedLeaf> {
  const [leaf] = await enqueueLeaves(tx, { kind: input.kind, rows: [input.row] });
  return leaf;
}
