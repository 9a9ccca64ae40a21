import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { withPatientKeys } from "@/lib/keys/patient-key-ring";
import { readErasureReason } from "./erasure-reason";

/**
 * Erasure requests, open ones first, with their decision (no PHI: pseudonyms only). A decision's
 * reason is opened under the patient's key; after an approval it reads as erased, as it should.
 */
export async function listErasureRequests(prisma: PrismaClient, opts: { patientId?: string; limit?: number } = {}) {
  const rows = await prisma.erasureRequest.findMany({
    where: opts.patientId ? { patientId: opts.patientId } : {},
    include: { decision: true, patient: { select: { pseudonym: true, erasedAt: true } } },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: opts.limit ?? 100,
  });
  return withPatientKeys(
    prisma,
    rows.filter((r) => r.decision).map((r) => r.patientId),
    (keyOf) =>
      rows.map((r) => ({
        id: r.id,
        pseudonym: r.patient.pseudonym,
        filedBy: r.filedBy,
        requestedById: r.requestedById,
        status: r.status,
        createdAt: r.createdAt,
        decidedAt: r.decidedAt,
        ground: r.decision?.ground ?? null,
        reason: r.decision
          ? readErasureReason(keyOf(r.patientId), { patientId: r.patientId, decisionId: r.decision.id }, r.decision)
          : null,
        recordCount: r.decision?.recordCount ?? null,
      })),
  );
}
export type TErasureRequestRow = Awaited<ReturnType<typeof listErasureRequests>>[number];
