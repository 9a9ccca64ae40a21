import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TConsentView = {
  id: string;
  provisionType: string;
  granteeType: string;
  granteeRef: string;
  /** What a person reads: the user's name and email, the role or the organization. */
  granteeLabel: string;
  purposes: string[];
  resourceTypes: string[];
  periodStart: Date | null;
  periodEnd: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
  status: "active" | "inactive";
};

/** A patient's consents, newest first, with their status at `now`. */
export async function listConsents(
  prisma: PrismaClient,
  opts: { patientId: string; now?: Date },
): Promise<TConsentView[]> {
  const now = opts.now ?? new Date();
  const rows = await prisma.consent.findMany({
    where: { patientId: opts.patientId },
    include: { revocation: true },
    orderBy: { createdAt: "desc" },
  });
  const userIds = rows.filter((r) => r.granteeType === "user").map((r) => r.granteeRef);
  const users = await prisma.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, displayName: true, email: true },
  });
  const nameOf = new Map(users.map((u) => [u.id, `${u.displayName} (${u.email})`]));
  return rows.map((r) => {
    const inPeriod = (!r.periodStart || r.periodStart <= now) && (!r.periodEnd || r.periodEnd > now);
    return {
      id: r.id,
      provisionType: r.provisionType,
      granteeType: r.granteeType,
      granteeRef: r.granteeRef,
      granteeLabel: r.granteeType === "user" ? (nameOf.get(r.granteeRef) ?? "unknown user") : r.granteeRef,
      purposes: r.purposes,
      resourceTypes: r.resourceTypes,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      createdAt: r.createdAt,
      revokedAt: r.revocation?.createdAt ?? null,
      status: !r.revocation && inPeriod ? "active" : "inactive",
    };
  });
}
