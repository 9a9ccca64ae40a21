import "server-only";
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TQueuedLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { packBytes, packFixedBytes } from "./pack-bytes";

/** A version row as writeRecordVersions built it, createdAt included (what its leaf hashed). */
export type TVersionRow = {
  id: string;
  recordId: string;
  version: number;
  resourceType: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  ciphertextSha256: Uint8Array;
  commitment: Uint8Array;
};

export type TVersionBatch = {
  rows: readonly TVersionRow[];
  /** Their "record_version" queue entries, in the rows' order. */
  leaves: readonly TQueuedLeaf[];
  pseudonym: string;
  authorId: string | null;
  newRecordsOf: string | null;
  /** The transaction's now() as timestamp(3), 'YYYY-MM-DDTHH:MI:SS.mmm': the rows' createdAt. */
  createdAt: string;
  /** pg_current_xact_id() of the transaction the rows are meant for. */
  xid: string;
};

// One statement: the new Record rows (if any), the versions and their queue entries, by
// data-modifying CTEs over unnest. The Record CTE runs whether or not it is read, and the
// versions' foreign key is checked at the end of the statement, when those rows exist. Every row
// comes from u, which is empty unless the statement runs in transaction $18, so a connection
// picked by mistake writes nothing. Queue ids follow the rows' order, as enqueueLeaves gives them.
const SQL = `
  WITH u AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::int[], $6::int[])
           WITH ORDINALITY AS u(id, "recordId", version, "resourceType", ct_at, ct_len, i)
     WHERE pg_current_xact_id()::text = $18),
  new_records AS (
    INSERT INTO "Record" (id, "patientId", "resourceType")
    SELECT u."recordId", $13::uuid, u."resourceType" FROM u WHERE $13::uuid IS NOT NULL),
  versions AS (
    INSERT INTO "RecordVersion" (id, "recordId", version, pseudonym, "resourceType", iv, ciphertext,
                                 "ciphertextSha256", commitment, "authorId")
    SELECT u.id, u."recordId", u.version, $14, u."resourceType",
           substring($7::bytea FROM u.i::int * 12 - 11 FOR 12), substring($8::bytea FROM u.ct_at FOR u.ct_len),
           substring($9::bytea FROM u.i::int * 32 - 31 FOR 32), substring($10::bytea FROM u.i::int * 32 - 31 FOR 32),
           $15::uuid
      FROM u
    RETURNING "createdAt"),
  queued AS (
    INSERT INTO "LedgerQueue" (kind, "rowId", "leafHash", mac, "recordedAt")
    SELECT 'record_version', u.id, substring($11::bytea FROM u.i::int * 32 - 31 FOR 32),
           substring($12::bytea FROM u.i::int * 32 - 31 FOR 32), $16::timestamptz
      FROM u ORDER BY u.i)
  SELECT count(*)::int AS n, count(*) FILTER (WHERE "createdAt" = $17::timestamp(3))::int AS at_now FROM versions`;

/** A Prisma transaction, or the node-postgres connection it runs on (transaction-connection.ts). */
export type TBatchRunner = Prisma.TransactionClient | pg.ClientBase;

/**
 * Stores a batch in the runner's transaction. Throws, leaving the transaction to roll back, unless
 * every row was stored with the createdAt its leaf hashed.
 */
export async function storeVersionBatch(runner: TBatchRunner, batch: TVersionBatch): Promise<void> {
  const { rows, leaves } = batch;
  if (leaves.length !== rows.length || leaves.some((l, i) => l.rowId !== rows[i].id))
    throw new Error("storeVersionBatch: one queue entry per row, in order");
  const ct = packBytes(rows.map((r) => r.ciphertext));
  const values = [
    rows.map((r) => r.id),
    rows.map((r) => r.recordId),
    rows.map((r) => r.version),
    rows.map((r) => r.resourceType),
    ct.starts,
    ct.lengths,
    packFixedBytes(
      rows.map((r) => r.iv),
      12,
    ),
    ct.bytes,
    packFixedBytes(
      rows.map((r) => r.ciphertextSha256),
      32,
    ),
    packFixedBytes(
      rows.map((r) => r.commitment),
      32,
    ),
    packFixedBytes(
      leaves.map((l) => l.leafHash),
      32,
    ),
    packFixedBytes(
      leaves.map((l) => l.mac),
      32,
    ),
    batch.newRecordsOf,
    batch.pseudonym,
    batch.authorId,
    (leaves[0]?.recordedAt ?? new Date()).toISOString(),
    batch.createdAt,
    batch.xid,
  ];
  const [stored] =
    "$queryRawUnsafe" in runner
      ? await runner.$queryRawUnsafe<{ n: number; at_now: number }[]>(SQL, ...values)
      : (await runner.query<{ n: number; at_now: number }>(SQL, values)).rows;
  if (stored.n !== rows.length) throw new Error("RecordVersion insert did not store the whole batch");
  // The leaves hashed `createdAt`: a row stored with anything else fails the transaction instead.
  if (stored.at_now !== rows.length) throw new Error("RecordVersion rows were not stored with the transaction's time");
}
