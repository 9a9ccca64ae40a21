import "server-only";
import crypto from "node:crypto";
import { dbBytes } from "@/lib/db/bytes";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import type { TParsedCertificate } from "./parse-certificate";

export type TEvidenceCaAnchor = {
  id: string;
  sha256: string;
  /** The ledger index of its "evidence_ca" leaf once sealed, else null. */
  ledgerIndex: string | null;
};

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Records the evidence CA and anchors it as an "evidence_ca" leaf in the same transaction, once
 * per CA: a start with the same CA finds its row, a new CA gets a row of its own. Two instances
 * starting together both try; the unique SHA-256 lets one in and the other reads its row.
 */
export async function anchorEvidenceCa(prisma: PrismaClient, ca: TParsedCertificate): Promise<TEvidenceCaAnchor> {
  const sha256 = crypto.createHash("sha256").update(ca.der).digest();
  const find = () =>
    prisma.evidenceCaCertificate.findUnique({ where: { sha256: dbBytes(sha256) }, select: { id: true } });
  let row = await find();
  if (!row) {
    try {
      row = await prisma.$transaction(async (tx) => {
        const created = await tx.evidenceCaCertificate.create({
          data: {
            sha256: dbBytes(sha256),
            subject: ca.subjectText,
            notBefore: ca.notBefore,
            notAfter: ca.notAfter,
            certificate: dbBytes(ca.der),
          },
        });
        await enqueueLeaf(tx, { kind: "evidence_ca", row: created });
        return { id: created.id };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      row = await find();
      if (!row) throw error;
    }
  }
  const entry = await prisma.ledgerEntry.findUnique({
    where: { rowId_kind: { rowId: row.id, kind: "evidence_ca" } },
    select: { index: true },
  });
  return { id: row.id, sha256: sha256.toString("hex"), ledgerIndex: entry ? entry.index.toString() : null };
}
