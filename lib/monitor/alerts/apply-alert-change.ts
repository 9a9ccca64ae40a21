import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { changePrivacyAlerts, ZAlertChange } from "./change-privacy-alert";
import { escalatePrivacyAlert } from "./escalate-privacy-alert";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One change to one alert from the API: the body is validated (422 naming the field), an unknown
 * alert is a 404 before anything else, and escalation takes the one escalation path.
 */
export async function applyAlertChange(
  prisma: PrismaClient,
  o: { alertId: string; change: unknown; byId: string },
): Promise<void> {
  if (!UUID.test(o.alertId)) throw new AppError("not_found", "No such alert.");
  const change = ZAlertChange.parse(o.change);
  if (change.action === "escalate") await escalatePrivacyAlert(prisma, { alertId: o.alertId, byId: o.byId });
  else await changePrivacyAlerts(prisma, { alertIds: [o.alertId], change, byId: o.byId });
}
