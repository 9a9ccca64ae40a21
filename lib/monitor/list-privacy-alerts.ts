import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { BREAK_GLASS_REASON_COLUMN } from "@/lib/access/break-glass/declare-break-glass";
import { withPatientKeys } from "@/lib/keys/patient-key-ring";
import { readPatientText, type TPatientText } from "@/lib/keys/patient-text";
import { ALERT_NOTE_COLUMN } from "./acknowledge-privacy-alert";

export type TPrivacyAlertRow = {
  id: string;
  kind: string;
  severity: string;
  summary: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  /**
   * Break-glass alerts: the clinician's written reason (staff text, shown to compliance only),
   * opened under the patient's data key; the erased marker once the patient was erased.
   */
  reason: TPatientText | null;
  /** The acknowledging officer's note, opened the same way; null without one. */
  note: TPatientText | null;
};

/** Open alerts first (newest first), then recently acknowledged ones. */
export async function listPrivacyAlerts(
  prisma: PrismaClient,
  opts: { limit?: number } = {},
): Promise<TPrivacyAlertRow[]> {
  const take = Math.min(opts.limit ?? 50, 200);
  const [open, done] = await Promise.all([
    prisma.privacyAlert.findMany({ where: { acknowledgedAt: null }, orderBy: { createdAt: "desc" }, take }),
    prisma.privacyAlert.findMany({
      where: { acknowledgedAt: { not: null } },
      orderBy: { acknowledgedAt: "desc" },
      take: 20,
    }),
  ]);
  const alerts = [...open, ...done];
  const glassIds = alerts
    .map((a) => (a.details as { breakGlassId?: string } | null)?.breakGlassId)
    .filter((x): x is string => !!x);
  const userIds = alerts.map((a) => a.acknowledgedById).filter((x): x is string => !!x);
  const [glasses, users, acks] = await Promise.all([
    prisma.breakGlass.findMany({
      where: { id: { in: glassIds } },
      select: { id: true, patientId: true, reason: true, sealedReason: true },
    }),
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
    prisma.privacyAlertAcknowledgement.findMany({
      where: { alertId: { in: alerts.map((a) => a.id) }, sealedNote: { not: null } },
      select: { id: true, alertId: true, patientId: true, sealedNote: true },
    }),
  ]);
  const { reasonOf, noteOf } = await withPatientKeys(
    prisma,
    [...glasses.map((g) => g.patientId), ...acks.flatMap((a) => (a.patientId ? [a.patientId] : []))],
    (keyOf) => ({
      reasonOf: new Map(
        glasses.map((g) => [
          g.id,
          readPatientText(
            keyOf(g.patientId),
            { column: BREAK_GLASS_REASON_COLUMN, patientId: g.patientId, rowId: g.id },
            { sealed: g.sealedReason, legacy: g.reason },
          ),
        ]),
      ),
      noteOf: new Map(
        acks.map((a) => [
          a.alertId,
          readPatientText(
            a.patientId ? keyOf(a.patientId) : null,
            { column: ALERT_NOTE_COLUMN, patientId: a.patientId ?? "", rowId: a.id },
            { sealed: a.sealedNote },
          ),
        ]),
      ),
    }),
  );
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
  return alerts.map((a) => ({
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    summary: a.summary,
    createdAt: a.createdAt,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedById ? (nameOf.get(a.acknowledgedById) ?? null) : null,
    reason: reasonOf.get((a.details as { breakGlassId?: string } | null)?.breakGlassId ?? "") ?? null,
    note: noteOf.get(a.id) ?? null,
  }));
}
