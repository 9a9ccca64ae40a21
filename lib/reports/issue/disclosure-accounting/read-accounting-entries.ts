import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openDisclosure, openRecipient } from "@/lib/access/disclosures/disclosure-cipher";
import type { LedgerPool } from "@/lib/ledger/ledger-pool";
import { awaitSealed } from "@/lib/ledger/seal/await-sealed";

/** One register entry as the accounting lists it, opened under the patient's key. */
export type TAccountingEntry = {
  id: string;
  disclosedAt: Date;
  recipientName: string;
  recipientAddress: string;
  description: string;
  /** The stated purpose, or the copy of the written request when staff gave that instead. */
  purpose: string;
  legalBasis: string;
  /** The entry this one corrects, if any. */
  supersedesId: string | null;
  ledgerIndex: number;
};

/** A register may hold at most this many entries for one patient in one accounting. */
export const ACCOUNTING_MAX_ENTRIES = 20_000;

/**
 * The patient's register entries disclosed in [from, to] that no later entry corrects, oldest
 * first, each with the ledger index of its leaf. An entry written moments ago may still wait for
 * the sequencer: it is awaited, so the accounting never silently leaves out a fresh disclosure.
 * `corrected` counts the superseded entries left out.
 */
export async function readAccountingEntries(
  prisma: PrismaClient,
  pool: LedgerPool,
  q: { patientId: string; from: Date; to: Date; dek: Uint8Array },
): Promise<{ entries: TAccountingEntry[]; corrected: number; tooMany: boolean }> {
  const rows = await prisma.disclosure.findMany({
    where: { patientId: q.patientId, disclosedAt: { gte: q.from, lte: q.to } },
    orderBy: [{ disclosedAt: "asc" }, { createdAt: "asc" }],
    take: ACCOUNTING_MAX_ENTRIES + 1,
  });
  if (rows.length > ACCOUNTING_MAX_ENTRIES) return { entries: [], corrected: 0, tooMany: true };
  const successors = await prisma.disclosure.findMany({
    where: { supersedesId: { in: rows.map((r) => r.id) } },
    select: { supersedesId: true },
  });
  const corrected = new Set(successors.map((s) => s.supersedesId));
  const current = rows.filter((r) => !corrected.has(r.id));
  const sealed = await prisma.ledgerEntry.findMany({
    where: { kind: "disclosure", rowId: { in: current.map((r) => r.id) } },
    select: { rowId: true, index: true },
  });
  const indexOf = new Map(sealed.map((s) => [s.rowId, Number(s.index)]));
  for (const r of current.filter((c) => !indexOf.has(c.id))) {
    const receipt = await awaitSealed({ pool, kind: "disclosure", rowId: r.id, timeoutMs: 15_000 });
    indexOf.set(r.id, receipt.index);
  }
  const entries = current.map((r) => {
    const ids = { patientId: q.patientId, disclosureId: r.id };
    // Entries written before recipients were sealed keep them in plaintext columns (leaf v1).
    const recipient = r.sealedRecipient
      ? openRecipient(q.dek, ids, r.sealedRecipient)
      : { name: r.recipientName ?? "", address: r.recipientAddress ?? "" };
    const content = openDisclosure(q.dek, ids, r.sealed);
    return {
      id: r.id,
      disclosedAt: r.disclosedAt,
      recipientName: recipient.name,
      recipientAddress: recipient.address,
      description: content.description,
      purpose: content.purpose ?? (content.requestCopy ? `Written request: ${content.requestCopy}` : ""),
      legalBasis: r.legalBasis,
      supersedesId: r.supersedesId,
      ledgerIndex: indexOf.get(r.id) as number,
    };
  });
  return { entries, corrected: corrected.size, tooMany: false };
}
