import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { changePrivacyAlerts } from "./change-privacy-alert";

/**
 * Escalate one open alert: the step that hands it on for investigation. Every way of escalating
 * (the alert page's server action, POST /api/monitor/alerts/:id/changes) goes through here, so
 * when escalation also opens a case, one place changes.
 */
export async function escalatePrivacyAlert(prisma: PrismaClient, o: { alertId: unknown; byId: string }) {
  return changePrivacyAlerts(prisma, { alertIds: [o.alertId], change: { action: "escalate" }, byId: o.byId });
}
