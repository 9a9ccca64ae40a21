import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Erasure requests, open ones first, with their decision (no PHI: pseudonyms only). */
export async function listErasureRequests(prisma: PrismaClient, opts: { patientId?: string; limit?: number } = {}) {
  const rows = await prisma.erasureRequest.findMany({
    where: opts.patientId ? { patientId: opts.patientId } : {},
    include: { decision: true, patient: { select: { pseudonym: true, erasedAt: true } } },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: opts.limit ?? 100,
  });
  return rows.map((r) => ({
    id: r.id,
    pseudonym: r.patient.pseudonym,
    filedBy: r.filedBy,
    status: r.status,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    ground: r.decision?.ground ?? null,
    reason: r.decision?.reason ?? null,
    recordCount: r.decision?.recordCount ?? null,
  }));
}
export type TErasureRequestRow = Awaited<ReturnType<typeof listErasureRequests>>[number];
