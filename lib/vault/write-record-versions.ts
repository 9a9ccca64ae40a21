import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dbBytes } from "@/lib/db/bytes";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";
import { commitmentKey, recordCommitment } from "./record-commitment";
import { encryptResource } from "./record-cipher";

export type TVersionToWrite = { recordId: string; version: number; resourceType: string; resource: object };

export type TWriteRecordVersionsInput = {
  dek: Buffer;
  pseudonym: string;
  authorId?: string | null;
  versions: readonly TVersionToWrite[];
};

/**
 * Encrypt record versions under the patient's data key, store them and queue their
 * "record_version" leaves, in the caller's transaction. Versions are only ever inserted:
 * (recordId, version) is unique, so an existing version can never be overwritten.
 */
export async function writeRecordVersions(
  tx: Prisma.TransactionClient,
  input: TWriteRecordVersionsInput,
): Promise<{ id: string }[]> {
  if (input.versions.length === 0) return [];
  const kCommit = commitmentKey(input.dek);
  try {
    const data = input.versions.map((v) => {
      const enc = encryptResource({ dek: input.dek, recordId: v.recordId, version: v.version, resource: v.resource });
      return {
        id: newAnchoredRowId(),
        recordId: v.recordId,
        version: v.version,
        pseudonym: input.pseudonym,
        resourceType: v.resourceType,
        iv: dbBytes(enc.iv),
        ciphertext: dbBytes(enc.ciphertext),
        ciphertextSha256: dbBytes(enc.ciphertextSha256),
        commitment: dbBytes(recordCommitment(kCommit, enc.plaintext)),
        authorId: input.authorId ?? null,
      };
    });
    const rows = await tx.recordVersion.createManyAndReturn({ data });
    await enqueueLeaves(tx, { kind: "record_version", rows });
    return rows.map((r) => ({ id: r.id }));
  } finally {
    kCommit.fill(0);
  }
}
