import "server-only";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { ZGrantEngagement } from "./engagement-types";

/**
 * A compliance officer grants an AUDITOR account an audit engagement; the row and its
 * "audit_engagement" leaf commit together. Returns the new engagement's id.
 */
export async function grantEngagement(
  prisma: PrismaClient,
  input: unknown,
  actor: { id: string },
  now = new Date(),
): Promise<{ id: string }> {
  const parsed = ZGrantEngagement.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      "unprocessable",
      "The engagement is not valid.",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })),
    );
  const g = parsed.data;
  const expiresAt = new Date(g.expiresAt);
  if (expiresAt <= now)
    throw new AppError("unprocessable", "The engagement is not valid.", [
      { path: "expiresAt", message: "the expiry must be in the future" },
    ]);
  return prisma.$transaction(async (tx) => {
    const auditor = await tx.user.findUnique({ where: { id: g.auditorId }, select: { role: true, disabled: true } });
    if (!auditor || auditor.role !== "AUDITOR" || auditor.disabled)
      throw new AppError("unprocessable", "The engagement is not valid.", [
        { path: "auditorId", message: "no active auditor account has this id" },
      ]);
    const row = await tx.auditEngagement.create({
      data: {
        auditorId: g.auditorId,
        periodStart: new Date(g.period.from),
        periodEnd: new Date(g.period.to),
        reportTypes: [...g.reportTypes].sort(),
        expiresAt,
        grantedById: actor.id,
      },
    });
    await enqueueLeaf(tx, { kind: "audit_engagement", row });
    return { id: row.id };
  });
}
