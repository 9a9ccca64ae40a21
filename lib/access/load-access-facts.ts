import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { rowKey } from "@/lib/ledger/seal/check-queued-entries";
import { findTrustedRows, type TTrustCandidate } from "@/lib/ledger/seal/trusted-rows";
import type { TPolicyConsent } from "./policy/decide-access";

export type TLoadedFacts = {
  patientExists: boolean;
  careTeam: boolean;
  consents: TPolicyConsent[];
  breakGlass: boolean;
};

/**
 * Care team, consents and break-glass of one (actor, patient) pair, as decideAccess wants them.
 * Facts that open patient data count only when the app vouches for their rows (findTrustedRows:
 * sealed, or queued with a valid writer MAC, and unchanged since). A row a DBA inserted or
 * edited opens nothing, and where it might be a closing fact that was altered it closes:
 * - care team: a member only if the latest change is a trusted "add" (an edited "remove" or a
 *   forged later row ends membership rather than falling back to an earlier "add");
 * - consents: a trusted permit counts as written; an untrusted consent counts as a deny with its
 *   stored scope (it may be a patient's deny turned into a permit); any revocation ends a permit,
 *   only a trusted one lifts a deny;
 * - break-glass: only a trusted declaration.
 */
export async function loadAccessFacts(
  db: PrismaClient | Prisma.TransactionClient,
  opts: { actorId: string; patientId: string; now: Date },
): Promise<TLoadedFacts> {
  const [patient, lastChange, consents, glass] = await Promise.all([
    db.patient.findUnique({ where: { id: opts.patientId }, select: { id: true } }),
    db.careTeamChange.findFirst({
      where: { patientId: opts.patientId, userId: opts.actorId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    db.consent.findMany({ where: { patientId: opts.patientId }, include: { revocation: true } }),
    db.breakGlass.findMany({
      where: {
        userId: opts.actorId,
        patientId: opts.patientId,
        startedAt: { lte: opts.now },
        expiresAt: { gt: opts.now },
      },
    }),
  ]);
  const candidates: TTrustCandidate[] = [
    ...(lastChange ? [{ kind: "care_team_change" as const, row: lastChange }] : []),
    ...consents.map((c) => ({ kind: "consent" as const, row: c })),
    ...consents.flatMap((c) => (c.revocation ? [{ kind: "consent_revocation" as const, row: c.revocation }] : [])),
    ...glass.map((row) => ({ kind: "break_glass" as const, row })),
  ];
  const trusted = await findTrustedRows(db, candidates);
  const isTrusted = (c: TTrustCandidate) => trusted.has(rowKey(c.kind, c.row.id));
  return {
    patientExists: !!patient,
    careTeam: !!lastChange && lastChange.change === "add" && isTrusted({ kind: "care_team_change", row: lastChange }),
    consents: consents.map(({ revocation, ...row }) => {
      const deny = row.provisionType === "deny" || !isTrusted({ kind: "consent", row });
      const revoked = !!revocation && (!deny || isTrusted({ kind: "consent_revocation", row: revocation }));
      return {
        id: row.id,
        provisionType: deny ? ("deny" as const) : ("permit" as const),
        granteeType: row.granteeType as TPolicyConsent["granteeType"],
        granteeRef: row.granteeRef,
        purposes: row.purposes,
        resourceTypes: row.resourceTypes,
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
        revoked,
      };
    }),
    breakGlass: glass.some((row) => isTrusted({ kind: "break_glass", row })),
  };
}
