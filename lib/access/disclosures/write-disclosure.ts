import "server-only";
import { dbBytes } from "@/lib/db/bytes";
import { AppError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { sealDisclosure, sealRecipient } from "./disclosure-cipher";
import type { TDisclosureInput } from "./disclosure-input";

export type TWriteDisclosureInput = {
  patientId: string;
  recordedById: string;
  entry: TDisclosureInput;
  supersedesId?: string;
};

/**
 * Insert one register entry, its text and recipient sealed under the patient's data key (leaf
 * disclosure/v2 covers both ciphertexts), and queue its leaf in
 * the same transaction. The register has no update or delete path: a correction is another
 * entry naming the one it supersedes, and an entry can be superseded once (unique supersedesId).
 */
export async function writeDisclosure(prisma: PrismaClient, input: TWriteDisclosureInput) {
  try {
    return await prisma.$transaction(async (tx) => {
      // Shares the row lock erasure takes FOR UPDATE: no entry is sealed under a key being destroyed.
      await tx.$queryRaw`SELECT id FROM "Patient" WHERE id = ${input.patientId}::uuid FOR SHARE`;
      if (input.supersedesId) {
        const old = await tx.disclosure.findUnique({ where: { id: input.supersedesId }, select: { patientId: true } });
        if (!old || old.patientId !== input.patientId)
          throw new AppError("not_found", "No such entry in this patient's register.");
        if (await tx.disclosure.findUnique({ where: { supersedesId: input.supersedesId }, select: { id: true } })) {
          throw new AppError("conflict", "This entry has already been corrected; correct the latest entry instead.");
        }
      }
      const key = await openPatientKey(tx, input.patientId);
      const id = newAnchoredRowId();
      const { description, purpose, requestCopy, ...entry } = input.entry;
      const ids = { patientId: input.patientId, disclosureId: id };
      let sealed: Buffer;
      let sealedRecipient: Buffer;
      try {
        sealed = sealDisclosure(key.dek, ids, {
          description,
          purpose: purpose ?? null,
          requestCopy: requestCopy ?? null,
        });
        sealedRecipient = sealRecipient(key.dek, ids, {
          name: entry.recipientName,
          address: entry.recipientAddress ?? "",
        });
      } finally {
        key.dek.fill(0);
      }
      const row = await tx.disclosure.create({
        data: {
          id,
          patientId: input.patientId,
          disclosedAt: entry.disclosedAt,
          sealedRecipient: dbBytes(sealedRecipient),
          legalBasis: entry.legalBasis,
          sealed: dbBytes(sealed),
          supersedesId: input.supersedesId ?? null,
          recordedById: input.recordedById,
        },
      });
      await enqueueLeaf(tx, { kind: "disclosure", row });
      return row;
    });
  } catch (error) {
    // Two corrections of the same entry at once: the second loses on the unique supersedesId.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "This entry has already been corrected; correct the latest entry instead.");
    }
    throw error;
  }
}
