import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { dbBytes } from "@/lib/db/bytes";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { sealCaseText, unwrapCaseKey } from "@/lib/keys/case-key";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { assessmentConclusion, type TAssessmentCodes } from "./breach-assessment";
import { ZCaseChange, type TCaseChangeInput } from "./case-change-input";
import type { TSanctionTier } from "./case-codes";
import { caseFactsOf } from "./case-facts";
import { decideCaseChange, type TCaseChange } from "./case-status";

/** Where a transition's sealed text lives (lib/keys/case-key.ts); part of the stored format. */
export const CASE_TEXT_COLUMN = "PrivacyCaseTransition.sealed";

const ZCaseId = z.uuid("No such case.");

/**
 * Apply one officer's change to a case, all or nothing: the case row is locked, the change decided
 * (case-status.ts) against its current state and latest assessment, the row updated, and one
 * append-only case_transition anchored in the same transaction. A note or an assessment's
 * rationales are sealed under the case key; a refused change writes nothing.
 */
export async function changePrivacyCase(
  prisma: PrismaClient,
  o: { caseId: unknown; change: unknown; byId: string; now?: Date },
): Promise<{ transitionId: string; state: string }> {
  const caseId = ZCaseId.parse(o.caseId);
  const input = ZCaseChange.parse(o.change);
  const now = o.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "PrivacyCase" WHERE id = ${caseId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("not_found", "No such case.");
    const current = await tx.privacyCase.findUniqueOrThrow({ where: { id: caseId } });
    if (input.action === "assign") await requireOfficer(tx, input.ownerId);
    const assessment = await latestAssessment(tx, caseId);
    const d = decideCaseChange(caseFactsOf(current, assessment), toChange(input), now);
    if (!d.ok) throw new AppError(d.code === "no_change" ? "conflict" : "unprocessable", d.message);
    const next = d.next;
    if (input.action !== "note")
      await tx.privacyCase.update({
        where: { id: caseId },
        data: {
          state: next.state,
          ownerId: next.ownerId,
          discoveredAt: next.discoveredAt,
          discoveredHow: next.discoveredHow,
          determination: next.determination,
          sanctionTier: next.sanctionTier,
          notifiedAt: next.notifiedAt,
          updatedAt: now,
        },
      });
    const id = newAnchoredRowId();
    const text =
      input.action === "note" ? input.text : input.action === "assess" ? JSON.stringify(input.rationales) : null;
    let sealed: Buffer | null = null;
    if (text !== null) {
      const dek = unwrapCaseKey(current.wrappedKey, caseId);
      try {
        sealed = sealCaseText(dek, { column: CASE_TEXT_COLUMN, caseId, rowId: id }, text);
      } finally {
        dek.fill(0);
      }
    }
    const codes: TAssessmentCodes | null =
      input.action === "assess"
        ? { levels: input.levels, exceptions: input.exceptions, conclusion: assessmentConclusion(input) }
        : null;
    const row = await tx.privacyCaseTransition.create({
      data: {
        id,
        caseId,
        action: input.action,
        fromState: current.state,
        toState: next.state,
        ownerId: input.action === "assign" ? next.ownerId : null,
        discoveredAt: input.action === "intake" ? next.discoveredAt : null,
        discoveredHow: input.action === "intake" ? next.discoveredHow : null,
        assessment: codes ?? undefined,
        determination: input.action === "determine" ? next.determination : null,
        sanctionTier: input.action === "determine" ? next.sanctionTier : null,
        notifiedAt: input.action === "notify" ? next.notifiedAt : null,
        sealed: sealed ? dbBytes(sealed) : null,
        byId: o.byId,
        createdAt: now,
      },
    });
    await enqueueLeaf(tx, { kind: "case_transition", row });
    return { transitionId: id, state: next.state };
  });
}

function toChange(input: TCaseChangeInput): TCaseChange {
  switch (input.action) {
    case "determine":
      return {
        action: "determine",
        determination: input.determination,
        sanctionTier: input.sanctionTier as TSanctionTier,
      };
    case "assess":
      return { action: "assess" };
    case "note":
      return { action: "note" };
    default:
      return input;
  }
}

/** The codes of the case's latest assessment, or null before the first one. */
export async function latestAssessment(
  tx: Prisma.TransactionClient | PrismaClient,
  caseId: string,
): Promise<TAssessmentCodes | null> {
  const row = await tx.privacyCaseTransition.findFirst({
    where: { caseId, action: "assess" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { assessment: true },
  });
  return (row?.assessment as TAssessmentCodes | undefined) ?? null;
}

async function requireOfficer(tx: Prisma.TransactionClient, userId: string) {
  const owner = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabled: true } });
  if (!owner || owner.role !== "COMPLIANCE_OFFICER" || owner.disabled)
    throw new AppError("unprocessable", "A case can be given only to an active compliance officer.");
}
