import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";
import { ALERT_CLOSE_REASONS, decideAlertChange, type TAlertChange, type TAlertCloseReason } from "./alert-status";

const ZUuid = z.uuid("No such alert.");
const ZCloseReason = z.enum(Object.keys(ALERT_CLOSE_REASONS) as [TAlertCloseReason, ...TAlertCloseReason[]], {
  error: "Choose why the alert is closed.",
});

export const ZAlertChange = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("start_review") }),
    z.object({ action: z.literal("close"), reasonCode: ZCloseReason }),
    z.object({ action: z.literal("escalate") }),
    z.object({ action: z.literal("assign"), ownerId: z.uuid("Choose a compliance officer.") }),
    z.object({
      action: z.literal("set_priority"),
      priority: z.coerce.number("Choose a priority from 1 to 4.").int().min(1).max(4, "Choose a priority from 1 to 4."),
    }),
  ],
  { error: "Choose what to do with the alert." },
);

/** At most this many alerts in one bulk change: one form, one transaction. */
export const MAX_BULK_ALERTS = 200;

export const ZAlertIds = z
  .array(ZUuid)
  .min(1, "Select at least one alert.")
  .max(MAX_BULK_ALERTS, `Select at most ${MAX_BULK_ALERTS} alerts.`);

/**
 * Apply one officer's change to one or more alerts, all or nothing: each alert's next state is
 * decided (alert-status.ts), its row updated only if it is still in the state decided on, and an
 * append-only transition anchored (alert_transition) in the same transaction. Any refused alert
 * refuses the whole change and writes nothing. Escalation is refused here: it opens or joins a case.
 */
export async function changePrivacyAlerts(
  prisma: PrismaClient,
  o: { alertIds: unknown; change: unknown; byId: string; now?: Date },
): Promise<{ changed: number }> {
  const alertIds = [...new Set(ZAlertIds.parse(o.alertIds))];
  const change = ZAlertChange.parse(o.change) as TAlertChange;
  // Every escalated alert belongs to a case: escalation has its own path (escalate-privacy-alert.ts).
  if (change.action === "escalate")
    throw new AppError("unprocessable", "An alert is escalated into a privacy case: use Escalate on the alert.");
  const now = o.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    if (change.action === "assign") await requireOfficer(tx, change.ownerId);
    // Rows locked in id order: two officers' bulk changes never deadlock, and neither changes an
    // alert the other is changing.
    const alerts = await tx.$queryRaw<{ id: string; status: string; ownerId: string | null; priority: number }[]>`
      SELECT id, status, "ownerId", priority FROM "PrivacyAlert" WHERE id = ANY(${alertIds}::uuid[]) ORDER BY id FOR UPDATE`;
    if (alerts.length !== alertIds.length) throw new AppError("not_found", "No such alert.");
    const transitions: Prisma.PrivacyAlertTransitionCreateManyInput[] = [];
    for (const alert of alerts) {
      const decision = decideAlertChange(alert, change, o.byId);
      if (!decision.ok)
        throw new AppError("conflict", alerts.length > 1 ? `Alert ${alert.id}: ${decision.message}` : decision.message);
      await tx.privacyAlert.update({
        where: { id: alert.id },
        data: {
          status: decision.next.status,
          ownerId: decision.next.ownerId,
          priority: decision.next.priority,
          ...(change.action === "close" ? { closeReason: change.reasonCode } : {}),
          updatedAt: now,
        },
      });
      transitions.push({
        id: newAnchoredRowId(),
        alertId: alert.id,
        fromStatus: alert.status,
        toStatus: decision.next.status,
        reasonCode: decision.reasonCode,
        ownerId: decision.next.ownerId,
        priority: decision.next.priority,
        byId: o.byId,
        createdAt: now,
      });
    }
    const rows = await tx.privacyAlertTransition.createManyAndReturn({ data: transitions });
    await enqueueLeaves(tx, { kind: "alert_transition", rows });
    return { changed: rows.length };
  });
}

async function requireOfficer(tx: Prisma.TransactionClient, userId: string) {
  const owner = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabled: true } });
  if (!owner || owner.role !== "COMPLIANCE_OFFICER" || owner.disabled)
    throw new AppError("unprocessable", "Alerts can be given only to an active compliance officer.");
}
