import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";

/**
 * A new Record id: a UUIDv7 like the ids of the versions that name it. Record's primary key,
 * RecordVersion's ("recordId", version) key and the versions' foreign-key lookups then all land
 * on the rightmost index page, where PostgreSQL's B-tree has a fast path for ascending keys; with
 * v4 ids each row of a batch touched three random pages: 26–27.5 µs of server CPU a row against
 * 23.5–24.5 at 20,000 records (bench/vault.ts), a gap that grows once the indexes outgrow memory.
 */
export function newRecordId(): string {
  return newAnchoredRowId();
}
