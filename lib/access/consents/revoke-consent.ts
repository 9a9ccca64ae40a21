import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * End a consent of this patient with a ConsentRevocation row (anchored as "consent_revocation");
 * the consent row itself is never changed. Revoking twice is a conflict.
 */
export async function revokeConsent(
  prisma: PrismaClient,
  opts: { patientId: string; consentId: unknown; revokedById: string },
) {
  const consentId = typeof opts.consentId === "string" && UUID.test(opts.consentId) ? opts.consentId : null;
  if (!consentId) throw new AppError("not_found", "No such consent.");
  return prisma.$transaction(async (tx) => {
    const consent = await tx.consent.findFirst({
      where: { id: consentId, patientId: opts.patientId },
      include: { revocation: true },
    });
    if (!consent) throw new AppError("not_found", "No such consent.");
    if (consent.revocation) throw new AppError("conflict", "This consent was already revoked.");
    const row = await tx.consentRevocation.create({ data: { consentId, revokedById: opts.revokedById } });
    await enqueueLeaf(tx, { kind: "consent_revocation", row });
    return row;
  });
}
