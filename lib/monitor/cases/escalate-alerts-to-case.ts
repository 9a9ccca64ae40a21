import "server-only";
import { AppError } from "@/lib/errors";
import { dbBytes } from "@/lib/db/bytes";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { newCaseKey, wrapCaseKey } from "@/lib/keys/case-key";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaf, enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";
import { decideAlertChange } from "../alerts/alert-status";
import { ZAlertIds } from "../alerts/change-privacy-alert";
import { OPEN_CASE_STATES } from "./case-codes";
import { decideCaseChange } from "./case-status";
import { caseFactsOf } from "./case-facts";

export type TEscalation = { caseId: string; opened: boolean; escalated: number };

/**
 * Escalate open alerts about ONE staff member into that member's open privacy case, opening one if
 * there is none, all in one transaction: each alert's "escalated" alert_transition, the case (with
 * its own wrapped data key) and its "opened" or "alerts_added" case_transition commit together or
 * not at all. Alerts about different staff members, or about nobody, are refused (422).
 *
 * Two officers escalating the same actor at once get one case: the transaction takes an advisory
 * lock on the actor before it looks for the open case, and the partial unique index
 * PrivacyCase_open_actor_key stops anything that got past it.
 */
export async function escalateAlertsToCase(
  prisma: PrismaClient,
  o: { alertIds: unknown; byId: string; now?: Date },
): Promise<TEscalation> {
  const alertIds = [...new Set(ZAlertIds.parse(o.alertIds))];
  const now = o.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const alerts = await tx.$queryRaw<
      { id: string; status: string; ownerId: string | null; priority: number; actorId: string | null }[]
    >`
      SELECT id, status, "ownerId", priority, "actorId" FROM "PrivacyAlert"
      WHERE id = ANY(${alertIds}::uuid[]) ORDER BY id FOR UPDATE`;
    if (alerts.length !== alertIds.length) throw new AppError("not_found", "No such alert.");
    const actors = new Set(alerts.map((a) => a.actorId));
    if (actors.has(null))
      throw new AppError("unprocessable", "An alert about no staff member (a signed-out attempt) cannot open a case.");
    if (actors.size > 1)
      throw new AppError(
        "unprocessable",
        "A case is about one staff member: escalate alerts about different staff members separately.",
      );
    const actorId = alerts[0]!.actorId!;
    const alertTransitions: Prisma.PrivacyAlertTransitionCreateManyInput[] = [];
    for (const alert of alerts) {
      const d = decideAlertChange(alert, { action: "escalate" }, o.byId);
      if (!d.ok) throw new AppError("conflict", alerts.length > 1 ? `Alert ${alert.id}: ${d.message}` : d.message);
      alertTransitions.push({
        id: newAnchoredRowId(),
        alertId: alert.id,
        fromStatus: alert.status,
        toStatus: d.next.status,
        reasonCode: null,
        ownerId: d.next.ownerId,
        priority: d.next.priority,
        byId: o.byId,
        createdAt: now,
      });
    }
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`privacy-case:${actorId}`}, 0))`;
    const [open] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "PrivacyCase" WHERE "actorId" = ${actorId}::uuid AND state = ANY(${[...OPEN_CASE_STATES]}) FOR UPDATE`;
    const caseId = open?.id ?? (await openCase(tx, { actorId, byId: o.byId, now }));
    if (open) {
      const current = await tx.privacyCase.findUniqueOrThrow({ where: { id: caseId } });
      const d = decideCaseChange(caseFactsOf(current, null), { action: "alerts_added" }, now);
      if (!d.ok) throw new AppError("conflict", d.message);
      await tx.privacyCase.update({
        where: { id: caseId },
        data: {
          state: d.next.state,
          determination: d.next.determination,
          sanctionTier: d.next.sanctionTier,
          updatedAt: now,
        },
      });
      await recordTransition(tx, {
        caseId,
        action: "alerts_added",
        fromState: current.state,
        toState: d.next.state,
        alertIds,
        byId: o.byId,
        createdAt: now,
      });
    }
    await tx.privacyAlert.updateMany({
      where: { id: { in: alertIds } },
      data: { status: "escalated", caseId, updatedAt: now },
    });
    const rows = await tx.privacyAlertTransition.createManyAndReturn({ data: alertTransitions });
    await enqueueLeaves(tx, { kind: "alert_transition", rows });
    return { caseId, opened: !open, escalated: rows.length };
  });

  async function openCase(tx: Prisma.TransactionClient, c: { actorId: string; byId: string; now: Date }) {
    const id = newAnchoredRowId();
    const dek = newCaseKey();
    const wrapped = wrapCaseKey(dek, id);
    dek.fill(0);
    await tx.privacyCase.create({
      data: {
        id,
        actorId: c.actorId,
        state: "intake",
        ownerId: c.byId,
        discoveredAt: c.now,
        discoveredHow: "rule_alert",
        wrappedKey: dbBytes(wrapped.wrappedKey),
        kekId: wrapped.kekId,
        openedById: c.byId,
        createdAt: c.now,
        updatedAt: c.now,
      },
    });
    await recordTransition(tx, {
      caseId: id,
      action: "opened",
      fromState: null,
      toState: "intake",
      alertIds,
      ownerId: c.byId,
      discoveredAt: c.now,
      discoveredHow: "rule_alert",
      byId: c.byId,
      createdAt: c.now,
    });
    return id;
  }
}

/** Append one anchored case_transition in the caller's transaction. */
export async function recordTransition(
  tx: Prisma.TransactionClient,
  data: Omit<Prisma.PrivacyCaseTransitionUncheckedCreateInput, "id">,
) {
  const row = await tx.privacyCaseTransition.create({ data: { id: newAnchoredRowId(), ...data } });
  await enqueueLeaf(tx, { kind: "case_transition", row });
  return row;
}
