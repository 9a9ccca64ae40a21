import "server-only";
import { z } from "zod";
import { dbBytes } from "@/lib/db/bytes";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { sealPatientText } from "@/lib/keys/patient-text";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { OPEN_ALERT_STATUSES } from "./alerts/alert-status";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where an acknowledgement's note is sealed (lib/keys/patient-text.ts); part of the stored format. */
export const ALERT_NOTE_COLUMN = "PrivacyAlertAcknowledgement.note";

export const ZAlertNote = z
  .string("The note must be text.")
  .trim()
  .max(1000, "Keep the note under 1000 characters.")
  .optional()
  .transform((v) => v || null);

/**
 * Mark an open alert as looked at, with an optional note: an anchored, append-only
 * acknowledgement (alert_acknowledgement), its note sealed under the alert's patient's data key.
 * Acknowledging twice is a conflict, not a silent overwrite; a failure writes nothing.
 */
export async function acknowledgePrivacyAlert(
  prisma: PrismaClient,
  opts: { alertId: string; userId: string; note?: unknown },
) {
  if (!UUID.test(opts.alertId)) throw new AppError("not_found", "No such alert.");
  const note = ZAlertNote.parse(opts.note ?? undefined);
  await prisma.$transaction(async (tx) => {
    const alert = await tx.privacyAlert.findUnique({ where: { id: opts.alertId }, select: { patientId: true } });
    if (!alert) throw new AppError("not_found", "No such alert.");
    const now = new Date();
    const { count } = await tx.privacyAlert.updateMany({
      where: { id: opts.alertId, acknowledgedAt: null, status: { in: [...OPEN_ALERT_STATUSES] } },
      // Acknowledging puts the alert away: closed, reason "acknowledged" (the acknowledgement is its anchor).
      data: {
        acknowledgedAt: now,
        acknowledgedById: opts.userId,
        status: "closed",
        closeReason: "acknowledged",
        updatedAt: now,
      },
    });
    if (count !== 1) throw new AppError("conflict", "This alert was already acknowledged or closed.");
    const id = newAnchoredRowId();
    let sealedNote: Buffer | null = null;
    if (note) {
      if (!alert.patientId)
        throw new AppError("unprocessable", "This alert concerns no patient: acknowledge it without a note.");
      // Shares the row lock erasure takes FOR UPDATE: no note is sealed under a key being destroyed.
      await tx.$queryRaw`SELECT id FROM "Patient" WHERE id = ${alert.patientId}::uuid FOR SHARE`;
      const key = await openPatientKey(tx, alert.patientId).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "conflict")
          throw new AppError("conflict", "This patient's data was erased: acknowledge the alert without a note.");
        throw error;
      });
      try {
        sealedNote = sealPatientText(
          key.dek,
          { column: ALERT_NOTE_COLUMN, patientId: alert.patientId, rowId: id },
          note,
        );
      } finally {
        key.dek.fill(0);
      }
    }
    const row = await tx.privacyAlertAcknowledgement.create({
      data: {
        id,
        alertId: opts.alertId,
        patientId: alert.patientId,
        acknowledgedById: opts.userId,
        sealedNote: sealedNote ? dbBytes(sealedNote) : null,
        createdAt: now,
      },
    });
    await enqueueLeaf(tx, { kind: "alert_acknowledgement", row });
  });
}
