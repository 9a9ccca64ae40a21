import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { TPolicyConsent } from "./policy/decide-access";

export type TLoadedFacts = {
  patientExists: boolean;
  careTeam: boolean;
  consents: TPolicyConsent[];
  breakGlass: boolean;
};

/** Care team, consents and break-glass of one (actor, patient) pair, as decideAccess wants them. */
export async function loadAccessFacts(
  db: PrismaClient | Prisma.TransactionClient,
  opts: { actorId: string; patientId: string; now: Date },
): Promise<TLoadedFacts> {
  const [patient, lastChange, consents, glass] = await Promise.all([
    db.patient.findUnique({ where: { id: opts.patientId }, select: { id: true } }),
    db.careTeamChange.findFirst({
      where: { patientId: opts.patientId, userId: opts.actorId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { change: true },
    }),
    db.consent.findMany({ where: { patientId: opts.patientId }, include: { revocation: { select: { id: true } } } }),
    db.breakGlass.findFirst({
      where: {
        userId: opts.actorId,
        patientId: opts.patientId,
        startedAt: { lte: opts.now },
        expiresAt: { gt: opts.now },
      },
      select: { id: true },
    }),
  ]);
  return {
    patientExists: !!patient,
    careTeam: lastChange?.change === "add",
    consents: consents.map((c) => ({
      id: c.id,
      provisionType: c.provisionType === "deny" ? "deny" : "permit",
      granteeType: c.granteeType as TPolicyConsent["granteeType"],
      granteeRef: c.granteeRef,
      purposes: c.purposes,
      resourceTypes: c.resourceTypes,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      revoked: !!c.revocation,
    })),
    breakGlass: !!glass,
  };
}
