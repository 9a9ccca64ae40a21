import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { dbBytes } from "@/lib/db/bytes";
import { AppError } from "@/lib/errors";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { sealPatientText } from "@/lib/keys/patient-text";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { alertDigest } from "@/lib/ledger/kinds/alert-transition";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";

export const BREAK_GLASS_MINUTES = 60;

export const ZBreakGlassReason = z
  .string("Describe the emergency.")
  .trim()
  .min(20, "Describe the emergency in at least 20 characters.")
  .max(1000, "Keep the reason under 1000 characters.");

export type TDeclareBreakGlassInput = {
  actor: { id: string; role: Role; name: string };
  patientId: string;
  reason: unknown;
  now?: Date;
};

/** Where a declaration's reason is sealed (lib/keys/patient-text.ts); part of the stored format. */
export const BREAK_GLASS_REASON_COLUMN = "BreakGlass.reason";

/**
 * Declare an emergency for one patient: a BreakGlass row valid for 60 minutes (anchored as
 * "break_glass"; the reason is sealed under the patient's data key and the leaf covers its
 * ciphertext) and a privacy alert for compliance officers, in one transaction. Only clinicians
 * may; one declaration at a time per patient.
 */
export async function declareBreakGlass(prisma: PrismaClient, input: TDeclareBreakGlassInput) {
  if (input.actor.role !== "CLINICIAN") throw new AppError("forbidden", "Only clinicians may declare an emergency.");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.patientId))
    throw new AppError("not_found", "No such patient.");
  const reason = ZBreakGlassReason.parse(input.reason);
  const now = input.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    // Shares the row lock erasure takes FOR UPDATE: no reason is sealed under a key being destroyed.
    await tx.$queryRaw`SELECT id FROM "Patient" WHERE id = ${input.patientId}::uuid FOR SHARE`;
    const patient = await tx.patient.findUnique({
      where: { id: input.patientId },
      select: { pseudonym: true, erasedAt: true },
    });
    if (!patient) throw new AppError("not_found", "No such patient.");
    if (patient.erasedAt) throw new AppError("conflict", "This patient's data was erased; there is nothing to open.");
    const open = await tx.breakGlass.findFirst({
      where: { userId: input.actor.id, patientId: input.patientId, expiresAt: { gt: now } },
    });
    if (open) throw new AppError("conflict", "Emergency access to this patient is already in force.");
    const id = newAnchoredRowId();
    const key = await openPatientKey(tx, input.patientId);
    let sealedReason: Buffer;
    try {
      sealedReason = sealPatientText(
        key.dek,
        { column: BREAK_GLASS_REASON_COLUMN, patientId: input.patientId, rowId: id },
        reason,
      );
    } finally {
      key.dek.fill(0);
    }
    const row = await tx.breakGlass.create({
      data: {
        id,
        userId: input.actor.id,
        patientId: input.patientId,
        sealedReason: dbBytes(sealedReason),
        startedAt: now,
        expiresAt: new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000),
      },
    });
    await enqueueLeaf(tx, { kind: "break_glass", row });
    // The alert holds ids and codes only (no names: the page looks the actor up). Priority 2 is
    // that of a "high" alert (lib/monitor/alerts/alert-status.ts); declarations are not deduplicated.
    const alert = await tx.privacyAlert.create({
      data: {
        kind: "break_glass",
        ruleId: "break-glass-declared",
        reasonCode: "declared",
        severity: "high",
        priority: 2,
        actorId: input.actor.id,
        patientId: input.patientId,
        day: new Date(now.toISOString().slice(0, 10)),
        summary: `Emergency access declared to patient ${patient.pseudonym}.`,
        details: { breakGlassId: row.id, expiresAt: row.expiresAt.toISOString() },
        // Raised when the emergency was declared (a declaration carried over from history keeps its time).
        createdAt: now,
        updatedAt: now,
      },
    });
    // Its raising is anchored like a rule alert's, so the log proves when it was raised.
    const raised = await tx.privacyAlertTransition.create({
      data: {
        id: newAnchoredRowId(),
        alertId: alert.id,
        toStatus: "new",
        reasonCode: alert.reasonCode,
        priority: alert.priority,
        byId: input.actor.id,
        alertDigest: dbBytes(
          alertDigest({ ...alert, eventIds: alert.eventIds, day: alert.day.toISOString().slice(0, 10) }),
        ),
        createdAt: now,
      },
    });
    await enqueueLeaf(tx, { kind: "alert_transition", row: raised });
    return row;
  });
}
