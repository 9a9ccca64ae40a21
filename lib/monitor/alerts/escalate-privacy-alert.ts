import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { escalateAlertsToCase } from "../cases/escalate-alerts-to-case";

/**
 * Escalate one open alert: the step that hands it on for investigation. Every way of escalating
 * (the alert page's server action, POST /api/monitor/alerts/:id/changes) goes through here: it
 * opens the staff member's privacy case, or adds the alert to their open one.
 */
export async function escalatePrivacyAlert(prisma: PrismaClient, o: { alertId: unknown; byId: string }) {
  return escalateAlertsToCase(prisma, { alertIds: [o.alertId], byId: o.byId });
}
