import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { writeErasureDecision } from "./write-erasure-decision";

/** GDPR Art. 17(3) exceptions, plus a legal hold (litigation, investigation). */
export const REFUSAL_GROUNDS = {
  art17_3_a: "Art. 17(3)(a) freedom of expression and information",
  art17_3_b: "Art. 17(3)(b) legal obligation or task in the public interest",
  art17_3_c: "Art. 17(3)(c) public interest in the area of public health",
  art17_3_d: "Art. 17(3)(d) archiving, scientific or historical research, statistics",
  art17_3_e: "Art. 17(3)(e) establishment, exercise or defence of legal claims",
  legal_hold: "Legal hold",
} as const;

export const ZErasureDecision = z.discriminatedUnion(
  "outcome",
  [
    z.object({ outcome: z.literal("approved"), reason: z.string().trim().max(2000).default("") }),
    z.object({
      outcome: z.literal("refused"),
      ground: z.enum(
        Object.keys(REFUSAL_GROUNDS) as [keyof typeof REFUSAL_GROUNDS],
        "Choose the Art. 17(3) exception or legal hold.",
      ),
      reason: z.string().trim().min(10, "Explain the refusal (at least 10 characters).").max(2000),
    }),
  ],
  "Choose approve or refuse.",
);
export type TErasureDecision = z.infer<typeof ZErasureDecision>;

/**
 * Decide an erasure request: four eyes, so whoever filed it (an officer, or the patient at /me)
 * cannot decide it; a different compliance officer does. Approval crypto-shreds the patient in ONE transaction with the
 * anchored decision: the wrapped data key and the blind indexes are set to NULL, so every record
 * version becomes undecryptable and unfindable. Record rows are not touched: the work is the
 * same for 10 records or 10,000, and their ledger leaves (hashes, commitments) still verify.
 * Free text about the patient sealed under that key (break-glass and decision reasons, disclosure
 * entries, alert notes) becomes unreadable with it; the plaintext reasons of rows written before
 * sealing are set to NULL (their v1 leaves never covered them).
 */
export async function decideErasure(
  prisma: PrismaClient,
  opts: { requestId: string; decidedById: string; decision: TErasureDecision },
) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.requestId))
    throw new AppError("not_found", "No such erasure request.");
  const d = ZErasureDecision.parse(opts.decision);
  return prisma.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<{ patientId: string; status: string; requestedById: string }[]>`
      SELECT "patientId", status::text, "requestedById"::text FROM "ErasureRequest" WHERE id = ${opts.requestId}::uuid FOR UPDATE`;
    if (!request) throw new AppError("not_found", "No such erasure request.");
    if (request.status !== "REQUESTED") throw new AppError("conflict", "This request has already been decided.");
    if (request.requestedById === opts.decidedById)
      throw new AppError("forbidden", "You filed this request: a different compliance officer must decide it.");
    const [patient] = await tx.$queryRaw<{ pseudonym: string; erasedAt: Date | null; records: number }[]>`
      SELECT p.pseudonym, p."erasedAt", (SELECT count(*)::int FROM "Record" r WHERE r."patientId" = p.id) AS records
        FROM "Patient" p WHERE p.id = ${request.patientId}::uuid FOR UPDATE`;
    if (patient.erasedAt) throw new AppError("conflict", "This patient's data has already been erased.");
    const decision = await writeErasureDecision(tx, {
      requestId: opts.requestId,
      patientId: request.patientId,
      pseudonym: patient.pseudonym,
      outcome: d.outcome,
      ground: d.outcome === "approved" ? "art17_1" : d.ground,
      reason: d.reason,
      decidedById: opts.decidedById,
      recordCount: patient.records,
    });
    await tx.erasureRequest.update({
      where: { id: opts.requestId },
      data: { status: d.outcome === "approved" ? "APPROVED" : "REFUSED", decidedAt: decision.createdAt },
    });
    if (d.outcome === "approved") {
      await tx.patient.update({
        where: { id: request.patientId },
        data: {
          wrappedKey: null,
          kekId: null,
          mrnIndex: null,
          lastNameIndex: null,
          addressIndex: null,
          erasedAt: decision.createdAt,
        },
      });
      await tx.patientIdentityIndex.deleteMany({ where: { patientId: request.patientId } });
      // Allowed by the append-only triggers only now that the patient is erased (migration 20261203063500).
      await tx.$executeRaw`UPDATE "BreakGlass" SET reason = NULL WHERE "patientId" = ${request.patientId}::uuid AND reason IS NOT NULL`;
      await tx.$executeRaw`UPDATE "ErasureDecision" d SET reason = NULL FROM "ErasureRequest" r
        WHERE d."requestId" = r.id AND r."patientId" = ${request.patientId}::uuid AND d.reason IS NOT NULL`;
      // The portal account's email identifies the person too: close the account and forget the address.
      await tx.user.updateMany({
        where: { patientId: request.patientId },
        data: {
          disabled: true,
          email: `erased-${patient.pseudonym}@erased.invalid`,
          displayName: "Erased data subject",
          lastNameIndex: null,
          addressIndex: null,
        },
      });
    }
    return { decisionId: decision.id, outcome: d.outcome };
  });
}
