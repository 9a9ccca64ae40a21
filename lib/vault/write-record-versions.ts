import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkedOutConnection } from "@/lib/db/transaction-connection";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { queueEntriesFor } from "@/lib/ledger/seal/enqueue-leaf";
import { wakeLocalSequencer } from "@/lib/ledger/seal/sequencer-signal";
import { commitmentKey, recordCommitment } from "./record-commitment";
import { encryptResource } from "./record-cipher";
import { storeVersionBatch } from "./store-version-batch";

export type TVersionToWrite = { recordId: string; version: number; resourceType: string; resource: object };

export type TWriteRecordVersionsInput = {
  dek: Buffer;
  pseudonym: string;
  authorId?: string | null;
  versions: readonly TVersionToWrite[];
  /** The patient whose new records these are: their Record rows are created in the same statement
   *  (every version must then be version 1 of a distinct record). Absent: the records exist. */
  newRecordsOf?: string;
};

/**
 * Encrypt record versions under the patient's data key, store them and queue their
 * "record_version" leaves, in the caller's transaction. Versions are only ever inserted:
 * (recordId, version) is unique, so an existing version can never be overwritten.
 *
 * Two round trips for any number of rows (store-version-batch.ts), instead of Prisma's createMany /
 * createManyAndReturn, whose per-row parameter and result mapping made the vault 0.08× a plain
 * AES-256-GCM + INSERT (bench/vault.ts). The leaves must hash the stored createdAt, the column
 * default now(): the transaction's start time, the same for every row of the transaction, so it is
 * read first, with what names the transaction's connection, and the batch goes through that
 * connection with node-postgres (through Prisma when it cannot be told apart).
 */
export async function writeRecordVersions(
  tx: Prisma.TransactionClient,
  input: TWriteRecordVersionsInput,
): Promise<{ id: string }[]> {
  if (input.versions.length === 0) return [];
  if (input.newRecordsOf && input.versions.some((v) => v.version !== 1))
    throw new Error("writeRecordVersions: a new record starts at version 1");
  const [current] = await tx.$queryRaw<{ pid: number; xid: string; now: string }[]>`
    SELECT pg_backend_pid() AS pid, pg_current_xact_id()::text AS xid,
           to_char(now()::timestamp(3), 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS now`;
  // A timestamp column reads back as UTC (Prisma, and ledger-pool.ts for verification).
  const createdAt = new Date(`${current.now}Z`);
  const kCommit = commitmentKey(input.dek);
  try {
    const rows = input.versions.map((v) => {
      const enc = encryptResource({ dek: input.dek, recordId: v.recordId, version: v.version, resource: v.resource });
      return {
        id: newAnchoredRowId(),
        recordId: v.recordId,
        version: v.version,
        pseudonym: input.pseudonym,
        resourceType: v.resourceType,
        iv: enc.iv,
        ciphertext: enc.ciphertext,
        ciphertextSha256: enc.ciphertextSha256,
        commitment: recordCommitment(kCommit, enc.plaintext),
        authorId: input.authorId ?? null,
        createdAt,
      };
    });
    const leaves = queueEntriesFor({ kind: "record_version", rows });
    await storeVersionBatch(checkedOutConnection(current.pid) ?? tx, {
      rows,
      leaves,
      pseudonym: input.pseudonym,
      authorId: input.authorId ?? null,
      newRecordsOf: input.newRecordsOf ?? null,
      createdAt: current.now,
      xid: current.xid,
    });
    wakeLocalSequencer();
    return rows.map((r) => ({ id: r.id }));
  } finally {
    kCommit.fill(0);
  }
}
