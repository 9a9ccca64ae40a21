import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";

/**
 * Revokes an audit engagement: a new, anchored revocation row (the engagement itself is never
 * changed). From then on the auditor can neither issue nor download under it.
 */
export async function revokeEngagement(
  prisma: PrismaClient,
  engagementId: string,
  actor: { id: string },
): Promise<{ id: string; revokedAt: Date }> {
  if (!z.uuid().safeParse(engagementId).success) throw new AppError("not_found", "No such engagement.");
  try {
    return await prisma.$transaction(async (tx) => {
      const found = await tx.auditEngagement.findUnique({ where: { id: engagementId }, include: { revocation: true } });
      if (!found) throw new AppError("not_found", "No such engagement.");
      if (found.revocation) throw new AppError("conflict", "This engagement was already revoked.");
      const row = await tx.auditEngagementRevocation.create({ data: { engagementId, revokedById: actor.id } });
      await enqueueLeaf(tx, { kind: "audit_engagement_revocation", row });
      return { id: row.id, revokedAt: row.createdAt };
    });
  } catch (error) {
    // Two revocations at once: the unique engagementId lets one through, the other is this.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("conflict", "This engagement was already revoked.");
    throw error;
  }
}
