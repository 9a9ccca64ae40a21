import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Mark an open alert as looked at; acknowledging twice is a conflict, not a silent overwrite. */
export async function acknowledgePrivacyAlert(prisma: PrismaClient, opts: { alertId: string; userId: string }) {
  if (!UUID.test(opts.alertId)) throw new AppError("not_found", "No such alert.");
  const { count } = await prisma.privacyAlert.updateMany({
    where: { id: opts.alertId, acknowledgedAt: null },
    data: { acknowledgedAt: new Date(), acknowledgedById: opts.userId },
  });
  if (count === 1) return;
  const exists = await prisma.privacyAlert.findUnique({ where: { id: opts.alertId }, select: { id: true } });
  throw exists
    ? new AppError("conflict", "This alert was already acknowledged.")
    : new AppError("not_found", "No such alert.");
}
