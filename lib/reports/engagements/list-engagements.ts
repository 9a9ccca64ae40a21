import "server-only";
import { can } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { engagementStatus, type TEngagementFacts } from "./engagement-policy";
import type { TEngagementSummary } from "./engagement-types";

/** Enough for any real audit calendar; the page and the API show the newest first. */
const MAX_LISTED = 500;

/**
 * Audit engagements, newest first: every one for a holder of engagements.manage, one's own for an
 * auditor (engagements.read alone).
 */
export async function listEngagements(
  prisma: PrismaClient,
  viewer: { id: string; role: Role },
  now = new Date(),
): Promise<TEngagementSummary[]> {
  if (!can(viewer.role, "engagements.read")) throw new AppError("forbidden", "Your role may not see engagements.");
  const rows = await prisma.auditEngagement.findMany({
    where: can(viewer.role, "engagements.manage") ? {} : { auditorId: viewer.id },
    include: { revocation: true },
    orderBy: { id: "desc" },
    take: MAX_LISTED,
  });
  const auditors = await prisma.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.auditorId))] } },
    select: { id: true, email: true, displayName: true },
  });
  const byId = new Map(auditors.map((a) => [a.id, a]));
  return rows.map((r) => ({
    id: r.id,
    auditorId: r.auditorId,
    auditorEmail: byId.get(r.auditorId)?.email ?? "",
    auditorName: byId.get(r.auditorId)?.displayName ?? "",
    periodStart: r.periodStart.toISOString(),
    periodEnd: r.periodEnd.toISOString(),
    reportTypes: r.reportTypes,
    expiresAt: r.expiresAt.toISOString(),
    grantedById: r.grantedById,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revocation?.createdAt.toISOString() ?? null,
    status: engagementStatus({ expiresAt: r.expiresAt, revokedAt: r.revocation?.createdAt ?? null }, now),
  }));
}

/** One auditor's engagements as the policy reads them. */
export async function engagementFactsOf(
  prisma: Pick<PrismaClient, "auditEngagement">,
  where: { auditorId: string } | { id: string },
): Promise<TEngagementFacts[]> {
  const rows = await prisma.auditEngagement.findMany({ where, include: { revocation: true } });
  return rows.map((r) => ({
    id: r.id,
    auditorId: r.auditorId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    reportTypes: r.reportTypes,
    expiresAt: r.expiresAt,
    revokedAt: r.revocation?.createdAt ?? null,
  }));
}

/** Active auditor accounts, for the grant form. */
export async function listAuditorAccounts(prisma: PrismaClient) {
  return prisma.user.findMany({
    where: { role: "AUDITOR", disabled: false },
    select: { id: true, email: true, displayName: true },
    orderBy: { email: "asc" },
  });
}
