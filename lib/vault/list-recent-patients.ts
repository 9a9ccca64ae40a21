import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TRecentPatient = { patientId: string; pseudonym: string; lastOpened: Date; erasedAt: Date | null };

/**
 * Patients this user opened most recently (from their own allowed access events), erased ones
 * included. Search hits are events of the patient too (subtype "search-type", AUDIT_TYPE in
 * lib/access/record-access-event.ts), but finding someone is not opening them.
 */
export async function listRecentPatients(
  prisma: PrismaClient,
  opts: { actorId: string; limit?: number },
): Promise<TRecentPatient[]> {
  const rows = await prisma.$queryRaw<{ patientId: string; lastOpened: Date }[]>`
    SELECT "patientId", max(recorded) AS "lastOpened" FROM "AccessEvent"
     WHERE "actorId" = ${opts.actorId}::uuid AND "patientId" IS NOT NULL AND outcome = '0'
       AND subtype <> 'search-type'
     GROUP BY "patientId" ORDER BY max(recorded) DESC LIMIT ${opts.limit ?? 10}`;
  const patients = await prisma.patient.findMany({
    where: { id: { in: rows.map((r) => r.patientId) } },
    select: { id: true, pseudonym: true, erasedAt: true },
  });
  const byId = new Map(patients.map((p) => [p.id, p]));
  return rows.flatMap((r) => {
    const p = byId.get(r.patientId);
    return p ? [{ patientId: p.id, pseudonym: p.pseudonym, lastOpened: r.lastOpened, erasedAt: p.erasedAt }] : [];
  });
}
