import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { BREAK_GLASS_REASON_COLUMN } from "@/lib/access/break-glass/declare-break-glass";
import { withPatientKeys } from "@/lib/keys/patient-key-ring";
import { readPatientText, type TPatientText } from "@/lib/keys/patient-text";
import { ALERT_NOTE_COLUMN } from "../acknowledge-privacy-alert";

/**
 * The staff free text about an alert's patient, for the alert page only (compliance officers):
 * the clinician's break-glass reason and the acknowledging officer's note, each opened under the
 * patient's data key, or the erased marker once the patient was erased. The JSON API leaves them
 * out: a ticketing system gets ids and codes, not what staff wrote about a patient.
 */
export async function readAlertTexts(
  prisma: PrismaClient,
  alert: { id: string; patientId: string | null; breakGlassId: string | null },
): Promise<{ reason: TPatientText | null; note: TPatientText | null }> {
  const [glass, ack] = await Promise.all([
    alert.breakGlassId
      ? prisma.breakGlass.findUnique({
          where: { id: alert.breakGlassId },
          select: { id: true, patientId: true, reason: true, sealedReason: true },
        })
      : null,
    prisma.privacyAlertAcknowledgement.findUnique({
      where: { alertId: alert.id },
      select: { id: true, patientId: true, sealedNote: true },
    }),
  ]);
  const patientIds = [glass?.patientId, ack?.sealedNote ? ack.patientId : null].filter((x): x is string => !!x);
  return withPatientKeys(prisma, patientIds, (keyOf) => ({
    reason: glass
      ? readPatientText(
          keyOf(glass.patientId),
          { column: BREAK_GLASS_REASON_COLUMN, patientId: glass.patientId, rowId: glass.id },
          { sealed: glass.sealedReason, legacy: glass.reason },
        )
      : null,
    note:
      ack?.sealedNote && ack.patientId
        ? readPatientText(
            keyOf(ack.patientId),
            { column: ALERT_NOTE_COLUMN, patientId: ack.patientId, rowId: ack.id },
            { sealed: ack.sealedNote },
          )
        : null,
  }));
}
